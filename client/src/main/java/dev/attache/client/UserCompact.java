package dev.attache.client;

import org.jspecify.annotations.Nullable;

/**
 * A user as the API names one inside other records, for example {@code parent.created_by}.
 *
 * @param gid the user's gid
 * @param resourceType {@code "user"}, or null when not sent
 */
public record UserCompact(String gid, @Nullable String resourceType) {
}
