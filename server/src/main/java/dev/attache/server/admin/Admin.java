package dev.attache.server.admin;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.Membership;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;

/**
 * Operator actions on a server's storage: workspaces, users, memberships, tokens and parents. Works
 * on the same database a running server uses, so changes (a revoked token, say) apply at once.
 * Methods that name a workspace, user, project or token throw {@link AdminTargetNotFoundException} when it does
 * not exist. Thread-safe.
 */
public final class Admin {

    private final DirectoryStore directory;
    private final TokenStore tokens;

    public Admin(DirectoryStore directory, TokenStore tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    public Workspace createWorkspace(String name) {
        return directory.createWorkspace(name);
    }

    public List<Workspace> workspaces() {
        return directory.workspaces();
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException when another user has the email already
     */
    public User createUser(String name, String email) {
        return directory.createUser(name, email);
    }

    /**
     * Creates a user as a member of a workspace.
     *
     * @throws AdminTargetNotFoundException when the workspace does not exist; no user is created then
     * @throws IllegalArgumentException when another user has the email already
     */
    public User createUser(String name, String email, long workspaceGid) {
        requireWorkspace(workspaceGid);
        User user = createUser(name, email);
        directory.addMember(workspaceGid, user.gid());
        return user;
    }

    public List<User> users() {
        return directory.users();
    }

    /** Makes a user a member of a workspace; adding an existing membership changes nothing. */
    public void addMember(long workspaceGid, long userGid) {
        requireWorkspace(workspaceGid);
        requireUser(userGid);
        directory.addMember(workspaceGid, userGid);
    }

    /** Every membership, ordered by workspace, then user. */
    public List<Membership> memberships() {
        return directory.memberships();
    }

    /** Issues a token; the returned value is the only time its secret is shown. */
    public TokenStore.IssuedToken issueToken(long userGid, TokenKind kind, Set<Scope> scopes, String name) {
        requireUser(userGid);
        return tokens.issue(userGid, kind, scopes, name);
    }

    public List<TokenStore.TokenInfo> tokens() {
        return tokens.list();
    }

    /**
     * Revokes a token: the next request that presents it is refused.
     *
     * @return false when the token was revoked already
     * @throws AdminTargetNotFoundException when no token has the gid
     */
    public boolean revokeToken(long tokenGid) {
        if (tokens.revoke(tokenGid)) {
            return true;
        }
        if (tokens.list().stream().noneMatch(t -> t.gid() == tokenGid)) {
            throw new AdminTargetNotFoundException("token " + tokenGid + " does not exist");
        }
        return false;
    }

    /**
     * Creates a task or project in a workspace.
     *
     * @param createdBy the user shown as its creator, or {@code null} for the workspace's first member
     */
    public Parent createParent(ParentType type, long workspaceGid, String name, @Nullable Long createdBy) {
        if (type == ParentType.PROJECT_BRIEF) {
            throw new IllegalArgumentException("a brief belongs to a project; use createBrief");
        }
        requireWorkspace(workspaceGid);
        return directory.createParent(type, workspaceGid, name, null, null, creator(workspaceGid, createdBy));
    }

    /**
     * Creates a project brief.
     *
     * @param createdBy the user shown as its creator, or {@code null} for the workspace's first member
     */
    public Parent createBrief(long projectGid, String title, @Nullable String text, @Nullable Long createdBy) {
        Parent project = directory.parent(projectGid)
                .filter(p -> p.type() == ParentType.PROJECT)
                .orElseThrow(() -> new AdminTargetNotFoundException("project " + projectGid + " does not exist"));
        long creator = creator(project.workspaceGid(), createdBy);
        return directory.createParent(ParentType.PROJECT_BRIEF, project.workspaceGid(), title, text, projectGid, creator);
    }

    private long creator(long workspaceGid, @Nullable Long createdBy) {
        if (createdBy != null) {
            requireUser(createdBy);
            return createdBy;
        }
        return memberships().stream().filter(m -> m.workspaceGid() == workspaceGid).findFirst()
                .map(Membership::userGid)
                .orElseThrow(() -> new IllegalArgumentException(
                        "workspace " + workspaceGid + " has no members; add one first or name the creator"));
    }

    private void requireWorkspace(long gid) {
        if (directory.workspace(gid).isEmpty()) {
            throw new AdminTargetNotFoundException("workspace " + gid + " does not exist");
        }
    }

    private void requireUser(long gid) {
        if (directory.user(gid).isEmpty()) {
            throw new AdminTargetNotFoundException("user " + gid + " does not exist");
        }
    }
}
