package dev.attache.server.directory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A task, project or project brief.
 *
 * @param name       the task or project name, or the brief's title
 * @param text       a brief's text; null for tasks and projects
 * @param projectGid the project a brief belongs to; null for tasks and projects
 */
public record Parent(long gid, ParentType type, long workspaceGid, String name, @Nullable String text,
                     @Nullable Long projectGid, long createdBy, Instant createdAt) {
}
