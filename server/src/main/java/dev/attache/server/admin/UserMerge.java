package dev.attache.server.admin;

import java.time.Clock;
import java.util.Locale;

import dev.attache.server.db.Jdbc;

/**
 * Merges a cluster's user into the data directory's user of the same email (every first start creates
 * {@code dev@attache.local}, on the single server and on the cluster alike). The data directory's user
 * wins: its gid is written into each of its tokens ({@code 2/<user gid>/<token gid>:...}), which the
 * single server's clients hold, and into the rows those clients know. The cluster's user is a first
 * start's seed, or a user of a cluster that went live a short while ago: its memberships, tasks,
 * projects, briefs and attachments move to the data directory's user; its tokens and OAuth grants name
 * its gid in their text, so they cannot follow, and are revoked. Runs inside the migration's transaction;
 * the cluster's user's row stays locked until it commits, so no node adds a token or membership for it
 * meanwhile.
 */
final class UserMerge {

    /** What one merge did, for the operator. */
    record Merged(String email, long clusterGid, long dataDirGid, int revokedTokens, int revokedGrants) {
        String describe() {
            return email + ": the cluster's user " + clusterGid + " is merged into the data directory's user " + dataDirGid
                    + "; its memberships, tasks, projects, briefs and attachments now name " + dataDirGid + ", its "
                    + revokedTokens + " token(s) and " + revokedGrants + " OAuth grant(s) are revoked (a token names "
                    + "its user's gid), so use the data directory's tokens or issue new ones";
        }
    }

    private final Jdbc target;
    private final Clock clock;

    UserMerge(Jdbc target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /** Locks and renames the cluster's user out of the way, so the data directory's user can be inserted. */
    void makeRoom(long clusterGid) {
        target.query("SELECT gid FROM users WHERE gid = ?" + target.dialect().forUpdate(), rs -> true, clusterGid);
        target.update("UPDATE users SET email = ? WHERE gid = ?", "merged-" + clusterGid + "@attache.invalid", clusterGid);
    }

    /** Moves what names the cluster's user to the data directory's user (inserted by now), then deletes it. */
    Merged merge(String email, long clusterGid, long dataDirGid) {
        long now = clock.millis();
        target.update("INSERT INTO memberships (workspace_gid, user_gid) SELECT workspace_gid, ? FROM memberships "
                + "WHERE user_gid = ? ON CONFLICT DO NOTHING", dataDirGid, clusterGid);
        target.update("DELETE FROM memberships WHERE user_gid = ?", clusterGid);
        int tokens = target.update("UPDATE tokens SET revoked_at = ? WHERE user_gid = ? AND revoked_at IS NULL", now,
                clusterGid);
        target.update("UPDATE tokens SET user_gid = ? WHERE user_gid = ?", dataDirGid, clusterGid);
        int grants = target.update("UPDATE oauth_grants SET revoked_at = ? WHERE user_gid = ? AND revoked_at IS NULL",
                now, clusterGid);
        target.update("UPDATE oauth_grants SET user_gid = ? WHERE user_gid = ?", dataDirGid, clusterGid);
        target.update("UPDATE oauth_codes SET user_gid = ? WHERE user_gid = ?", dataDirGid, clusterGid);
        target.update("DELETE FROM console_sessions WHERE user_gid = ?", clusterGid);
        target.update("UPDATE parents SET created_by = ? WHERE created_by = ?", dataDirGid, clusterGid);
        target.update("UPDATE attachments SET created_by = ? WHERE created_by = ?", dataDirGid, clusterGid);
        target.update("DELETE FROM users WHERE gid = ?", clusterGid);
        return new Merged(email.toLowerCase(Locale.ROOT), clusterGid, dataDirGid, tokens, grants);
    }
}
