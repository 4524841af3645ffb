package com.wuhou.ticketing.order.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A visitor's identity document for real-name tickets: a mainland resident ID card (GB 11643, with
 * its ISO 7064 MOD 11-2 check character) or a passport. Numbers are normalised (no spaces, upper case)
 * before they are checked, hashed or masked.
 */
public record IdDocument(Type type, String number) {

    /** Kinds of document a visitor may name. */
    public enum Type {
        ID_CARD,
        PASSPORT
    }

    private static final Pattern ID_CARD = Pattern.compile("[1-9]\\d{16}[\\dX]");
    private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,20}");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    public IdDocument {
        number = number == null ? "" : number.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** Why the number is not valid for its type, or empty when it is. */
    public Optional<String> problem(LocalDate today) {
        return switch (type) {
            case PASSPORT ->
                PASSPORT.matcher(number).matches()
                        ? Optional.empty()
                        : Optional.of("a passport number has 5 to 20 letters or digits");
            case ID_CARD -> idCardProblem(today);
        };
    }

    /**
     * A keyed hash (HMAC-SHA-256, hex) of type and number: what the per-ID daily limit is counted on,
     * without the number leaving this service. The key is a secret, so the hash cannot be reversed by
     * trying every possible ID number.
     */
    public String hash(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((type + ":" + number).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key of one visit day, derived from the service's key: offline gates get it in that day's
     * package, so they can match a typed number ({@code hash(dayKey(key, day))}) without holding the
     * service's key or any number. A leaked day key exposes only that day's hashes.
     */
    public static byte[] dayKey(byte[] key, LocalDate day) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("offline-day:" + day).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number as shown where it is not needed in full: {@code 110***********1234}. */
    public String masked() {
        if (number.length() <= 7) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 3) + "*".repeat(number.length() - 7) + number.substring(number.length() - 4);
    }

    private Optional<String> idCardProblem(LocalDate today) {
        if (!ID_CARD.matcher(number).matches()) {
            return Optional.of("an ID card number has 17 digits and a check digit or X");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(
                    Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("the birth date in the ID card number is not a date");
        }
        if (birth.isAfter(today) || birth.getYear() < 1900) {
            return Optional.of("the birth date in the ID card number is not possible");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK_CHARACTERS.charAt(sum % 11) != number.charAt(17)) {
            return Optional.of("the check digit of the ID card number is wrong");
        }
        return Optional.empty();
    }
}
