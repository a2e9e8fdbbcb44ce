package dev.attache.server.ratelimit;

import dev.attache.server.db.Jdbc;

/**
 * Windows in the shared database, one row per token: each call adds a node's batch of requests in one
 * atomic upsert. A node of the version before batching adds one request per call with the same rule, so
 * both kinds of node can share the table during a rolling upgrade. Windows open by the clock of the node
 * whose batch opens them; nodes' clocks should agree to well within a minute.
 */
public final class JdbcSharedWindows implements SharedWindows {

    // Both SET expressions read the row as it was before this update, on PostgreSQL and SQLite alike.
    private static final String ADD = "INSERT INTO rate_windows (token_gid, window_start, requests) VALUES (?, ?, ?) "
            + "ON CONFLICT (token_gid) DO UPDATE SET "
            + "requests = CASE WHEN excluded.window_start - rate_windows.window_start >= " + MinuteWindows.WINDOW_MILLIS
            + " THEN excluded.requests ELSE rate_windows.requests + excluded.requests END, "
            + "window_start = CASE WHEN excluded.window_start - rate_windows.window_start >= " + MinuteWindows.WINDOW_MILLIS
            + " THEN excluded.window_start ELSE rate_windows.window_start END "
            + "RETURNING window_start, requests";

    private final Jdbc jdbc;

    public JdbcSharedWindows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MinuteWindows.Window add(long tokenGid, long windowStartMillis, int requests) {
        return jdbc.queryOne(ADD, rs -> new MinuteWindows.Window(rs.getLong(1), rs.getInt(2)), tokenGid, windowStartMillis, requests)
                .orElseThrow(() -> new IllegalStateException("the rate window upsert returned no row"));
    }
}
