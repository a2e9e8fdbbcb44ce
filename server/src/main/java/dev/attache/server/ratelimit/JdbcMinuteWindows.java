package dev.attache.server.ratelimit;

import dev.attache.server.db.Jdbc;

/**
 * Windows in the shared database, so a token's per-minute quota holds across every node of a cluster:
 * one atomic upsert per request. Windows open by the clock of the node that counts the first request;
 * nodes' clocks should agree to well within a minute.
 */
public final class JdbcMinuteWindows implements MinuteWindows {

    private final Jdbc jdbc;

    public JdbcMinuteWindows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Window count(long tokenGid, long nowMillis) {
        // Both SET expressions read the row as it was before this update, on PostgreSQL and SQLite alike.
        return jdbc.queryOne("INSERT INTO rate_windows (token_gid, window_start, requests) VALUES (?, ?, 1) "
                                + "ON CONFLICT (token_gid) DO UPDATE SET "
                                + "requests = CASE WHEN excluded.window_start - rate_windows.window_start >= " + WINDOW_MILLIS
                                + " THEN 1 ELSE rate_windows.requests + 1 END, "
                                + "window_start = CASE WHEN excluded.window_start - rate_windows.window_start >= " + WINDOW_MILLIS
                                + " THEN excluded.window_start ELSE rate_windows.window_start END "
                                + "RETURNING window_start, requests",
                        rs -> new Window(rs.getLong(1), rs.getInt(2)), tokenGid, nowMillis)
                .orElseThrow(() -> new IllegalStateException("the rate window upsert returned no row"));
    }
}
