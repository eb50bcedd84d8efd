package io.syncline.processors.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Salted SHA-256 of a value's text: lowercase hex of SHA-256(salt bytes + UTF-8 text). */
final class Sha256 {
    private final byte[] salt;

    Sha256(String salt) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    String hex(Object value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return HexFormat.of().formatHex(digest.digest(text(value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Text as the value appears on view topics, so a hash can be recomputed from the source's text form. */
    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
