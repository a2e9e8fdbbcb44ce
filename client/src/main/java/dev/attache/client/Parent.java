package dev.attache.client;

import org.jspecify.annotations.Nullable;

/**
 * The object an attachment belongs to. Only {@code gid} is always present; the others are null
 * unless the response carried them (see {@link Field}).
 *
 * @param gid the parent's gid
 * @param resourceType {@code task}, {@code project} or {@code project_brief}
 * @param name the parent's name
 * @param resourceSubtype {@code default_task} for tasks, null otherwise
 * @param createdBy who created the parent, only when asked for with
 *     {@link Field#PARENT_CREATED_BY}
 */
public record Parent(
        ParentGid gid,
        @Nullable String resourceType,
        @Nullable String name,
        @Nullable String resourceSubtype,
        @Nullable UserCompact createdBy) {
}
