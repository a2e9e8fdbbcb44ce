package dev.attache.server.attachments;

/**
 * Mints the {@code download_url} an upload is rendered with. The download feature, which serves those
 * URLs, implements it, so attachments need not know how links are signed.
 */
@FunctionalInterface
public interface DownloadLinks {

    /** A fresh URL for an upload's bytes. */
    String urlFor(long attachmentGid);
}
