package com.wuhou.ticketing.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local runtime's secrets: made on the first {@code up}, kept under {@code <home>/secrets} with
 * owner-only permissions, never in the repository. The first operator is {@code admin} with the
 * password in {@code secrets/operator-password}; order-service signs operator tokens with the
 * private key and the gateway checks them with the public one. order-service also gets the key of
 * visitors' document hashes (which checkin-service gets too), the key of order tokens (order-service
 * alone), the e-ticket signing key pair and the sandbox provider's notice key; checkin-service and
 * the gateway share the key that seals device secrets.
 */
record LocalSecrets(
        String operatorPassword,
        String tokenPrivateKey,
        String tokenPublicKey,
        String visitorHashKey,
        String orderTokenKey,
        String ticketPrivateKey,
        String ticketPublicKey,
        String sandboxSecret,
        String signingKeyEncryptionKey) {

    static final String OPERATOR = "admin";

    /** Services start in parallel: one thread makes the secrets, the others wait and read them. */
    static synchronized LocalSecrets load(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair operatorKeys = pairOnce(dir, "operator-token");
            KeyPair ticketKeys = pairOnce(dir, "ticket-signing");
            return new LocalSecrets(
                    once(
                            dir.resolve("operator-password"),
                            18,
                            Base64.getUrlEncoder().withoutPadding()),
                    encoded(operatorKeys.getPrivate().getEncoded()),
                    encoded(operatorKeys.getPublic().getEncoded()),
                    once(dir.resolve("visitor-hash.key"), 32, Base64.getEncoder()),
                    once(dir.resolve("order-token.key"), 32, Base64.getEncoder()),
                    encoded(ticketKeys.getPrivate().getEncoded()),
                    encoded(ticketKeys.getPublic().getEncoded()),
                    once(dir.resolve("sandbox-payment.key"), 32, Base64.getEncoder()),
                    once(dir.resolve("signing-key-encryption.key"), 32, Base64.getEncoder()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random secret made on the first call and read back on every later one. */
    private static String once(Path file, int bytes, Base64.Encoder encoder) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            write(file, encoder.encodeToString(random));
        }
        return read(file);
    }

    /** An Ed25519 pair kept as {@code <name>.key} (PKCS#8) and {@code <name>.pub} (X.509), Base64. */
    private static KeyPair pairOnce(Path dir, String name) throws IOException, GeneralSecurityException {
        Path privateKey = dir.resolve(name + ".key");
        Path publicKey = dir.resolve(name + ".pub");
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            write(privateKey, encoded(keys.getPrivate().getEncoded()));
            write(publicKey, encoded(keys.getPublic().getEncoded()));
        }
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        return new KeyPair(
                factory.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(read(publicKey)))),
                factory.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(read(privateKey)))));
    }

    private static String encoded(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Written beside and moved into place, so a reader never sees half a file. */
    private static void write(Path file, String value) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, value, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
