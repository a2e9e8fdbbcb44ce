package dev.attache.server.directory;

/**
 * A user's membership of a workspace.
 *
 * @param workspaceGid the workspace
 * @param userGid      the member
 */
public record Membership(long workspaceGid, long userGid) {
}
