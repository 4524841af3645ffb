package com.wuhou.ticketing.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local runtime's secrets: made on the first {@code up}, kept under {@code <home>/secrets} with
 * owner-only permissions, never in the repository. The first operator is {@code admin} with the
 * password in {@code secrets/operator-password}; order-service signs operator tokens with the
 * private key and the gateway checks them with the public one.
 */
record LocalSecrets(String operatorPassword, String tokenPrivateKey, String tokenPublicKey) {

    static final String OPERATOR = "admin";

    /** Services start in parallel: one thread makes the secrets, the others wait and read them. */
    static synchronized LocalSecrets load(Path dir) {
        try {
            Path password = dir.resolve("operator-password");
            Path privateKey = dir.resolve("operator-token.key");
            Path publicKey = dir.resolve("operator-token.pub");
            if (!Files.exists(password) || !Files.exists(privateKey) || !Files.exists(publicKey)) {
                Files.createDirectories(dir);
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                write(password, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                write(
                        privateKey,
                        Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
                write(
                        publicKey,
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            }
            return new LocalSecrets(read(password), read(privateKey), read(publicKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
