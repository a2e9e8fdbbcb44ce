package dev.attache.server.console;

import java.time.Instant;
import java.util.Optional;

import dev.attache.server.db.Jdbc;

/** Console sessions in the shared database, keyed by the hash of their id. Thread-safe. */
final class SessionStore {

    /**
     * A stored session.
     *
     * @param tokenGid the access token it was signed in with, checked on every request
     * @param userGid  the token's user
     */
    record StoredSession(long tokenGid, long userGid, Instant expiresAt) {
    }

    private final Jdbc jdbc;

    SessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void create(String idHash, long tokenGid, long userGid, Instant now, Instant expiresAt) {
        jdbc.update("INSERT INTO console_sessions (id_hash, token_gid, user_gid, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                idHash, tokenGid, userGid, now.toEpochMilli(), expiresAt.toEpochMilli());
    }

    /** The session with this id hash, unless it has expired. */
    Optional<StoredSession> find(String idHash, Instant now) {
        return jdbc.queryOne("SELECT token_gid, user_gid, expires_at FROM console_sessions WHERE id_hash = ? AND expires_at > ?",
                rs -> new StoredSession(rs.getLong("token_gid"), rs.getLong("user_gid"),
                        Instant.ofEpochMilli(rs.getLong("expires_at"))),
                idHash, now.toEpochMilli());
    }

    void delete(String idHash) {
        jdbc.update("DELETE FROM console_sessions WHERE id_hash = ?", idHash);
    }

    /** Removes sessions that can no longer be used, so the table holds only live ones and a few stale. */
    void deleteExpired(Instant now) {
        jdbc.update("DELETE FROM console_sessions WHERE expires_at <= ?", now.toEpochMilli());
    }
}
