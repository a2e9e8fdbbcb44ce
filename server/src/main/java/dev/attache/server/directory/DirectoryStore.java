package dev.attache.server.directory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.attache.server.db.DataAccessException;
import dev.attache.server.db.Dialect;
import dev.attache.server.db.Jdbc;
import dev.attache.server.ids.GidGenerator;

/** Workspaces, users, memberships and parents in the metadata database. Thread-safe. */
public final class DirectoryStore {

    private final Jdbc jdbc;
    private final GidGenerator gids;
    private final Clock clock;

    public DirectoryStore(Jdbc jdbc, GidGenerator gids, Clock clock) {
        this.jdbc = jdbc;
        this.gids = gids;
        this.clock = clock;
    }

    public Workspace createWorkspace(String name) {
        long gid = gids.next();
        jdbc.update("INSERT INTO workspaces (gid, name, created_at) VALUES (?, ?, ?)", gid, name, clock.millis());
        return new Workspace(gid, name);
    }

    /**
     * Creates a user.
     *
     * @throws EmailTakenException when a user has the email already, in any case
     */
    public User createUser(String name, String email) {
        long gid = gids.next();
        try {
            jdbc.update("INSERT INTO users (gid, name, email, created_at) VALUES (?, ?, ?, ?)", gid, name, email, clock.millis());
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw new EmailTakenException(email);
            }
            throw e;
        }
        return new User(gid, name, email);
    }

    /**
     * Makes a user a member of a workspace; adding an existing membership changes nothing, also when
     * two nodes add it at the same moment.
     */
    public void addMember(long workspaceGid, long userGid) {
        jdbc.update("INSERT INTO memberships (workspace_gid, user_gid) VALUES (?, ?) ON CONFLICT DO NOTHING",
                workspaceGid, userGid);
    }

    public boolean isMember(long userGid, long workspaceGid) {
        return jdbc.queryOne("SELECT 1 FROM memberships WHERE user_gid = ? AND workspace_gid = ?",
                rs -> true, userGid, workspaceGid).isPresent();
    }

    public Optional<User> user(long gid) {
        return jdbc.queryOne("SELECT gid, name, email FROM users WHERE gid = ?", DirectoryStore::user, gid);
    }

    public List<User> users() {
        return jdbc.query("SELECT gid, name, email FROM users ORDER BY gid", DirectoryStore::user);
    }

    public Optional<Workspace> workspace(long gid) {
        return jdbc.queryOne("SELECT gid, name FROM workspaces WHERE gid = ?", DirectoryStore::workspace, gid);
    }

    public List<Workspace> workspaces() {
        return jdbc.query("SELECT gid, name FROM workspaces ORDER BY gid", DirectoryStore::workspace);
    }

    public List<Workspace> workspacesOf(long userGid) {
        return jdbc.query("SELECT w.gid, w.name FROM workspaces w JOIN memberships m ON m.workspace_gid = w.gid "
                + "WHERE m.user_gid = ? ORDER BY w.gid", DirectoryStore::workspace, userGid);
    }

    /** Members of each workspace, ordered by workspace, then user. */
    public List<Membership> memberships() {
        return jdbc.query("SELECT workspace_gid, user_gid FROM memberships ORDER BY workspace_gid, user_gid",
                rs -> new Membership(rs.getLong(1), rs.getLong(2)));
    }

    public Parent createParent(ParentType type, long workspaceGid, String name, String text, Long projectGid, long createdBy) {
        long gid = gids.next();
        Instant now = clock.instant();
        jdbc.update("INSERT INTO parents (gid, resource_type, workspace_gid, name, body, project_gid, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                gid, type.resourceType(), workspaceGid, name, text, projectGid, createdBy, now.toEpochMilli());
        return new Parent(gid, type, workspaceGid, name, text, projectGid, createdBy, now);
    }

    public Optional<Parent> parent(long gid) {
        return jdbc.queryOne("SELECT * FROM parents WHERE gid = ?", DirectoryStore::parent, gid);
    }

    /** Parents of one type in a workspace, oldest first. */
    public List<Parent> parents(long workspaceGid, ParentType type) {
        return jdbc.query("SELECT * FROM parents WHERE workspace_gid = ? AND resource_type = ? ORDER BY gid",
                DirectoryStore::parent, workspaceGid, type.resourceType());
    }

    /**
     * Locks a parent and its briefs until the caller's transaction ends, so that no other node adds an
     * attachment or a brief to them meanwhile (PostgreSQL; SQLite's single writer needs no lock).
     */
    public static void lockWithBriefs(Connection c, Dialect dialect, long gid) throws SQLException {
        Jdbc.query(c, "SELECT gid FROM parents WHERE gid = ? OR project_gid = ?" + dialect.forUpdate(),
                rs -> rs.getLong(1), gid, gid);
    }

    /** Deletes a parent row on a connection inside the caller's transaction. */
    public static boolean deleteParent(Connection c, long gid) throws SQLException {
        return Jdbc.update(c, "DELETE FROM parents WHERE gid = ?", gid) == 1;
    }

    /** Gids of the briefs of a project, on the caller's connection. */
    public static List<Long> briefsOf(Connection c, long projectGid) throws SQLException {
        return Jdbc.query(c, "SELECT gid FROM parents WHERE project_gid = ?", rs -> rs.getLong(1), projectGid);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("gid"), rs.getString("name"), rs.getString("email"));
    }

    private static Workspace workspace(ResultSet rs) throws SQLException {
        return new Workspace(rs.getLong("gid"), rs.getString("name"));
    }

    private static Parent parent(ResultSet rs) throws SQLException {
        return parent(rs, "");
    }

    /**
     * A parent from a row whose parent columns carry a prefix, for queries that join parents to
     * other tables ({@code p_gid}, {@code p_resource_type}, ...).
     */
    public static Parent parent(ResultSet rs, String prefix) throws SQLException {
        return new Parent(rs.getLong(prefix + "gid"), ParentType.of(rs.getString(prefix + "resource_type")),
                rs.getLong(prefix + "workspace_gid"), rs.getString(prefix + "name"), rs.getString(prefix + "body"),
                Jdbc.nullableLong(rs, prefix + "project_gid"), rs.getLong(prefix + "created_by"),
                Instant.ofEpochMilli(rs.getLong(prefix + "created_at")));
    }
}
