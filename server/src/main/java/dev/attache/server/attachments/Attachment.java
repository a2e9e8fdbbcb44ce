package dev.attache.server.attachments;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored attachment.
 *
 * @param subtype        {@code asana} for uploaded bytes, {@code external} for a linked URL
 * @param contentType    the uploaded part's media type; null for external links
 * @param size           bytes; null for external links
 * @param sha256         hex SHA-256 of the bytes, also the download ETag; null for external links
 * @param blobKey        where the bytes are in the blob store; null for external links
 * @param url            the linked URL; null for uploads
 * @param connectedToApp whether an external link was connected to the calling app; null for uploads
 */
public record Attachment(long gid, long parentGid, String subtype, String name, @Nullable String contentType,
                         @Nullable Long size, @Nullable String sha256, @Nullable String blobKey, @Nullable String url,
                         @Nullable Boolean connectedToApp, long createdBy, Instant createdAt) {

    public static final String ASANA = "asana";
    public static final String EXTERNAL = "external";

    /** Whether the bytes are ours to serve. */
    public boolean isUpload() {
        return ASANA.equals(subtype);
    }
}
