package dev.attache.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.attache.server.signing.Sha256;

/**
 * The shape of bearer tokens, {@code 2/<user gid>/<token gid>:<32 lowercase hex>} like Asana's
 * personal access tokens, and their hashing: only the SHA-256 of a token is ever stored.
 */
public final class AccessTokens {

    private static final Pattern SHAPE = Pattern.compile("2/(\\d{1,19})/(\\d{1,19}):([0-9a-f]{32})");

    private final SecureRandom random = new SecureRandom();

    /** A parsed token: which user and token row it claims to be. */
    public record Claim(long userGid, long tokenGid, String token) {
        @Override
        public String toString() {
            return "Claim[userGid=" + userGid + ", tokenGid=" + tokenGid + ", token=<redacted>]";
        }
    }

    /** A new token string for a user and token gid. */
    public String mint(long userGid, long tokenGid) {
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return "2/" + userGid + "/" + tokenGid + ":" + HexFormat.of().formatHex(secret);
    }

    /** Parses a token; empty when it does not have the shape. */
    public static Optional<Claim> parse(String token) {
        Matcher m = SHAPE.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), token));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /** The stored form of a token. */
    public static String hash(String token) {
        return Sha256.of(token);
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
