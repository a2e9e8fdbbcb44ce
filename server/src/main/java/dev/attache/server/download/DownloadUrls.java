package dev.attache.server.download;

import java.time.Clock;
import java.time.Duration;

import dev.attache.server.attachments.DownloadLinks;
import dev.attache.server.http.PublicBase;
import dev.attache.server.signing.Signer;

/**
 * Signed, expiring download URLs (docs/api.md §6): {@code /download/<gid>?expires=<epoch seconds>&signature=<hmac>}.
 * They need no bearer token, so they can be handed to a browser or another host. Thread-safe.
 */
public final class DownloadUrls implements DownloadLinks {

    static final String PURPOSE = "download";
    static final String PATH = "/download/{attachment_gid}";

    private final Signer signer;
    private final PublicBase base;
    private final Duration ttl;
    private final Clock clock;

    public DownloadUrls(Signer signer, PublicBase base, Duration ttl, Clock clock) {
        this.signer = signer;
        this.base = base;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A fresh URL for an attachment's bytes, valid for the configured time. */
    @Override
    public String urlFor(long gid) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return base.get() + "/download/" + gid + "?expires=" + expires + "&signature=" + signer.sign(PURPOSE, gid + ":" + expires);
    }

    /** Whether a URL's parts are ours and not yet expired. */
    boolean isValid(long gid, String expires, String signature) {
        if (expires == null || signature == null) {
            return false;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        return signer.verify(PURPOSE, gid + ":" + expiresAt, signature) && clock.instant().getEpochSecond() <= expiresAt;
    }
}
