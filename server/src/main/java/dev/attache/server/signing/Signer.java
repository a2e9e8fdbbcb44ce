package dev.attache.server.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures for download URLs and pagination tokens. Each use names its purpose, which is
 * signed too, so a signature made for one purpose never verifies for another. Thread-safe.
 */
public final class Signer {

    private static final int SIGNATURE_BYTES = 20;

    private final SecretKeySpec key;

    public Signer(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("signing secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A URL-safe signature of a message for a purpose. */
    public String sign(String purpose, String message) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, message));
    }

    /** Whether a signature is the one {@link #sign} makes, compared in constant time. */
    public boolean verify(String purpose, String message, String signature) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(purpose, message), given);
    }

    private byte[] mac(String purpose, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }
}
