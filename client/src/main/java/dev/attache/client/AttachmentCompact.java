package dev.attache.client;

import org.jspecify.annotations.Nullable;

/**
 * An attachment as lists return it by default.
 *
 * @param gid the attachment's gid
 * @param resourceType {@code "attachment"}, or null when not sent
 * @param name the file name, or null when not sent
 * @param resourceSubtype {@code asana}, {@code external} or another host, or null when not sent
 */
public record AttachmentCompact(
        AttachmentGid gid,
        @Nullable String resourceType,
        @Nullable String name,
        @Nullable ResourceSubtype resourceSubtype) {
}
