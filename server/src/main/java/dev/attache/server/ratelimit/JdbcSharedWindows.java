package dev.attache.server.ratelimit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.attache.server.db.Dialect;
import dev.attache.server.db.Jdbc;

/**
 * Windows in the shared database, one row per token: each call adds a node's counts for any number of
 * tokens in one upsert statement, so one commit (one wait for the disk) whatever the number of busy
 * tokens. A node of an older version adds one token per statement with the same rule, so both kinds of
 * node can share the table during a rolling upgrade. Windows open by the clock of the node whose counts
 * open them; nodes' clocks should agree to well within a minute.
 */
public final class JdbcSharedWindows implements SharedWindows {

    /*
     * The counts go in as one JSON array of [token, window start, requests] triples, a single parameter
     * whatever their number: the SQL text stays the same, so it is prepared once, and no batch comes near
     * a driver's limit on parameters. Both engines read JSON; only the function that unpacks it differs.
     *
     * Rows are upserted in token order (ORDER BY token_gid). An upsert locks each row it updates until the
     * commit, one row after the other in the order the SELECT gives them; two nodes updating the same
     * tokens in different orders could each hold a row the other waits for, a deadlock PostgreSQL breaks
     * only after a second by failing one of them. In one order, one node simply waits for the other's
     * commit. SQLite has one writer at a time and needs no order.
     */
    private static final String FROM_POSTGRESQL = "SELECT (c ->> 0)::bigint AS token_gid, (c ->> 1)::bigint, (c ->> 2)::integer "
            + "FROM jsonb_array_elements(CAST(? AS jsonb)) AS c ORDER BY token_gid ";
    // "WHERE true" is SQLite's documented way to tell an INSERT ... SELECT's upsert from a join's ON.
    private static final String FROM_SQLITE = "SELECT c.value ->> 0, c.value ->> 1, c.value ->> 2 FROM json_each(?) AS c WHERE true ";

    // Both SET expressions read the row as it was before this update, on PostgreSQL and SQLite alike.
    private static final String UPSERT = "ON CONFLICT (token_gid) DO UPDATE SET "
            + "requests = CASE WHEN excluded.window_start - rate_windows.window_start >= " + MinuteWindows.WINDOW_MILLIS
            + " THEN excluded.requests ELSE rate_windows.requests + excluded.requests END, "
            + "window_start = CASE WHEN excluded.window_start - rate_windows.window_start >= " + MinuteWindows.WINDOW_MILLIS
            + " THEN excluded.window_start ELSE rate_windows.window_start END "
            + "RETURNING token_gid, window_start, requests";

    private final Jdbc jdbc;
    private final String addAll;

    public JdbcSharedWindows(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.addAll = "INSERT INTO rate_windows (token_gid, window_start, requests) "
                + (jdbc.dialect() == Dialect.POSTGRESQL ? FROM_POSTGRESQL : FROM_SQLITE) + UPSERT;
    }

    @Override
    public Map<Long, MinuteWindows.Window> addAll(List<Counts> counts) {
        if (counts.isEmpty()) {
            return Map.of();
        }
        Set<Long> tokens = new HashSet<>();
        StringBuilder json = new StringBuilder(counts.size() * 40).append('[');
        for (Counts c : counts) {
            if (!tokens.add(c.tokenGid())) {
                throw new IllegalArgumentException("two counts for token " + c.tokenGid() + " in one call");
            }
            json.append(json.length() == 1 ? "[" : ",[")
                    .append(c.tokenGid()).append(',').append(c.windowStartMillis()).append(',').append(c.requests()).append(']');
        }
        json.append(']');
        Map<Long, MinuteWindows.Window> windows = jdbc.query(addAll,
                        rs -> Map.entry(rs.getLong(1), new MinuteWindows.Window(rs.getLong(2), rs.getInt(3))), json.toString())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!windows.keySet().equals(tokens)) {
            throw new IllegalStateException("the rate window upsert of " + tokens.size() + " tokens' counts answered for "
                    + windows.size() + " tokens");
        }
        return windows;
    }
}
