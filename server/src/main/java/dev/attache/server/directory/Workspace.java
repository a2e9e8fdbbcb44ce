package dev.attache.server.directory;

/** A workspace: users who are members see its tasks, projects, briefs and their attachments. */
public record Workspace(long gid, String name) {
}
