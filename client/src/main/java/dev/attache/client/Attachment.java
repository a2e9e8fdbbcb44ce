package dev.attache.client;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The full attachment record. Only {@code gid} is always present; a component is null when the
 * API sent {@code null} or did not send the field (because {@code opt_fields} left it out, or
 * it is opt-in like {@code size}).
 *
 * @param gid the attachment's gid
 * @param resourceType always {@code "attachment"} when sent
 * @param name the file name
 * @param resourceSubtype {@code asana}, {@code external} or another host
 * @param createdAt when the attachment was created
 * @param downloadUrl a short-lived signed URL to the bytes; for external attachments the link
 * @param viewUrl where a person views the attachment
 * @param permanentUrl a stable URL that needs a bearer token; null for external attachments
 * @param host the same value as {@code resourceSubtype}
 * @param parent the task, project or project brief it belongs to
 * @param size the size in bytes (opt-in; uploaded attachments only)
 * @param connectedToApp whether the link is connected to an app (opt-in; external only)
 */
public record Attachment(
        AttachmentGid gid,
        @Nullable String resourceType,
        @Nullable String name,
        @Nullable ResourceSubtype resourceSubtype,
        @Nullable Instant createdAt,
        @Nullable URI downloadUrl,
        @Nullable URI viewUrl,
        @Nullable URI permanentUrl,
        @Nullable ResourceSubtype host,
        @Nullable Parent parent,
        @Nullable Long size,
        @Nullable Boolean connectedToApp) {
}
