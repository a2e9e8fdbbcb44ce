package dev.attache.server.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.attache.server.signing.Sha256;

/**
 * Session ids (256 random bits, URL-safe), the hash that is all the database keeps of them, and each
 * session's CSRF token. The CSRF token is an HMAC keyed by the session id, so the server stores nothing
 * for it and only the holder of the cookie can compute it. Thread-safe.
 */
final class SessionIds {

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    /** A fresh session id. */
    String next() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return URL_SAFE.encodeToString(id);
    }

    /** The stored form of a session id. */
    static String hash(String sessionId) {
        return Sha256.of(sessionId);
    }

    /** The CSRF token the page must send with every state-changing request of this session. */
    static String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionId.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return URL_SAFE.encodeToString(mac.doFinal("attache-console-csrf".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** Whether a presented CSRF token is this session's, in time independent of where they differ. */
    static boolean csrfMatches(String sessionId, String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken(sessionId).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
