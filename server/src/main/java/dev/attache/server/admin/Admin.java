package dev.attache.server.admin;

import java.util.List;
import java.util.Set;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;

/**
 * Operator actions on a server's storage: workspaces, users, memberships, tokens and parents. Works
 * on the same database a running server uses, so changes (a revoked token, say) apply at once.
 * Thread-safe.
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

    public User createUser(String name, String email) {
        return directory.createUser(name, email);
    }

    public List<User> users() {
        return directory.users();
    }

    public void addMember(long workspaceGid, long userGid) {
        directory.addMember(workspaceGid, userGid);
    }

    /** Issues a token; the returned value is the only time its secret is shown. */
    public TokenStore.IssuedToken issueToken(long userGid, TokenKind kind, Set<Scope> scopes, String name) {
        return tokens.issue(userGid, kind, scopes, name);
    }

    public List<TokenStore.TokenInfo> tokens() {
        return tokens.list();
    }

    public boolean revokeToken(long tokenGid) {
        return tokens.revoke(tokenGid);
    }

    /** Creates a task or project in a workspace, as a user. */
    public Parent createParent(ParentType type, long workspaceGid, String name, long createdBy) {
        return directory.createParent(type, workspaceGid, name, null, null, createdBy);
    }
}
