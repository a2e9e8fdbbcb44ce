package dev.attache.server.directory;

import dev.attache.server.auth.Principal;
import dev.attache.server.http.ApiException;
import dev.attache.server.ids.Gid;

/**
 * Who may see what: a user sees an object when they are a member of its workspace (docs/api.md §2).
 * Unknown ids are 404; known ids in another workspace are 403.
 */
public final class Access {

    private final DirectoryStore directory;

    public Access(DirectoryStore directory) {
        this.directory = directory;
    }

    /**
     * The parent a request names, checked for the caller.
     *
     * @param field the parameter name used in messages ({@code parent}, {@code task}, ...)
     */
    public Parent visibleParent(Principal principal, Gid gid, String field) {
        Parent parent = directory.parent(gid.value()).orElseThrow(() -> ApiException.unknownId(field, gid.text()));
        requireMember(principal, parent.workspaceGid(), field);
        return parent;
    }

    /** The parent, checked, and of the expected type (a task route given a project's gid is a 404). */
    public Parent visibleParent(Principal principal, Gid gid, ParentType type) {
        Parent parent = visibleParent(principal, gid, type.resourceType());
        if (parent.type() != type) {
            throw ApiException.unknownId(type.resourceType(), gid.text());
        }
        return parent;
    }

    /** The workspace, when the caller is a member of it. */
    public Workspace visibleWorkspace(Principal principal, Gid gid) {
        Workspace workspace = directory.workspace(gid.value())
                .orElseThrow(() -> ApiException.unknownId("workspace", gid.text()));
        requireMember(principal, workspace.gid(), "workspace");
        return workspace;
    }

    /** 403 {@code <type>: Forbidden} unless the caller is a member of the workspace. */
    public void requireMember(Principal principal, long workspaceGid, String field) {
        if (!directory.isMember(principal.userGid(), workspaceGid)) {
            throw ApiException.forbidden(field + ": Forbidden");
        }
    }
}
