package dev.attache.server.attachments;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import dev.attache.server.http.ApiException;
import dev.attache.server.signing.Signer;

/**
 * Opaque {@code offset} tokens for keyset paging: the last gid of a page, bound to the parent and the
 * user, with an expiry, signed. Anything tampered, foreign or expired is Asana's 400. Thread-safe.
 */
public final class PageTokens {

    private static final String PURPOSE = "offset";
    private static final String INVALID = "Your pagination token is invalid or has expired";

    private final Signer signer;
    private final Duration ttl;
    private final Clock clock;

    public PageTokens(Signer signer, Duration ttl, Clock clock) {
        this.signer = signer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A token for the page after {@code afterGid}. */
    String issue(long parentGid, long userGid, long afterGid) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = "1:" + parentGid + ":" + userGid + ":" + afterGid + ":" + expires;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.US_ASCII))
                + "." + signer.sign(PURPOSE, payload);
    }

    /** The gid a token continues after; 400 when it is not valid for this parent and user now. */
    long afterGid(String token, long parentGid, long userGid) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw invalid();
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!signer.verify(PURPOSE, payload, token.substring(dot + 1))) {
            throw invalid();
        }
        String[] parts = payload.split(":");
        if (parts.length != 5 || !parts[0].equals("1")
                || Long.parseLong(parts[1]) != parentGid || Long.parseLong(parts[2]) != userGid
                || clock.instant().getEpochSecond() > Long.parseLong(parts[4])) {
            throw invalid();
        }
        return Long.parseLong(parts[3]);
    }

    private static ApiException invalid() {
        return ApiException.invalid("offset", INVALID);
    }
}
