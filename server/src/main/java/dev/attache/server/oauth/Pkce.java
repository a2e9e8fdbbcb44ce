package dev.attache.server.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

import dev.attache.server.signing.Sha256;

/** Proof Key for Code Exchange with the S256 method only (RFC 7636); {@code plain} is refused. */
final class Pkce {

    /** A challenge is BASE64URL(SHA-256(verifier)) without padding: always 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    static boolean isChallenge(String value) {
        return CHALLENGE.matcher(value).matches();
    }

    /** Whether a verifier is the one a challenge was made from; malformed verifiers never are. */
    static boolean verifies(String verifier, String challenge) {
        if (!VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        byte[] digest = Sha256.newDigest().digest(verifier.getBytes(StandardCharsets.US_ASCII));
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
