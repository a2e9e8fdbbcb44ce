package dev.attache.server.admin;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import dev.attache.server.db.Jdbc;

/**
 * Copies the directory tables of a data directory (workspaces to briefs, OAuth apps and grants) into a
 * cluster's database with their gids; a cluster's user of the same email as one of the data directory's
 * is {@link UserMerge merged} into it. Runs inside the caller's transaction on the target, so it writes
 * all of this or nothing. Rows the cluster has already are left as they are.
 */
final class DirectoryCopy {

    /** Copied in this order so that every row's references exist before it does. */
    private static final List<TableCopy> TABLES = List.of(
            new TableCopy("workspaces", "gid"),
            new TableCopy("memberships", "workspace_gid, user_gid"),
            new TableCopy("oauth_apps", "gid"),
            new TableCopy("oauth_grants", "gid"),
            new TableCopy("tokens", "gid"),
            // Projects before their briefs: a brief's project_gid is a foreign key on PostgreSQL.
            new TableCopy("parents", "CASE WHEN project_gid IS NULL THEN 0 ELSE 1 END, gid"));

    /** A table and the order its rows are copied in. */
    private record TableCopy(String table, String order) {
    }

    /** Rows of a table, as read from the data directory. */
    private record Rows(List<String> columns, List<List<Object>> values) {
    }

    /** Rows written and rows the cluster had already. */
    record Counts(int copied, int present) {
        Counts plus(Counts other) {
            return new Counts(copied + other.copied, present + other.present);
        }
    }

    private final Jdbc source;
    private final Jdbc target;
    private final UserMerge merge;
    private final Consumer<String> progress;
    private final List<UserMerge.Merged> merged = new ArrayList<>();

    DirectoryCopy(Jdbc source, Jdbc target, UserMerge merge, Consumer<String> progress) {
        this.source = source;
        this.target = target;
        this.merge = merge;
        this.progress = progress;
    }

    /** Copies every directory row the cluster lacks; call inside a transaction on the target. */
    Counts copy() {
        Counts total = copy(TABLES.get(0)).plus(copyUsers());
        for (TableCopy table : TABLES.subList(1, TABLES.size())) {
            total = total.plus(copy(table));
        }
        return total;
    }

    /** The cluster's users merged into the data directory's. */
    List<UserMerge.Merged> merged() {
        return List.copyOf(merged);
    }

    private Counts copyUsers() {
        Rows rows = read("users", "gid");
        int copied = 0;
        for (List<Object> row : rows.values()) {
            long gid = ((Number) row.get(rows.columns().indexOf("gid"))).longValue();
            String email = (String) row.get(rows.columns().indexOf("email"));
            if (hasUser(gid, email)) {
                continue;
            }
            Optional<Long> sameEmail = target.queryOne("SELECT gid FROM users WHERE LOWER(email) = ?",
                    rs -> rs.getLong(1), email.toLowerCase(Locale.ROOT));
            sameEmail.ifPresent(merge::makeRoom);
            if (insert("users", rows.columns(), row) == 0) {
                throw new MigrationFailedException("Nothing was migrated: a node created a user with the email " + email
                        + " while the migration ran. Run the migration again.");
            }
            copied++;
            sameEmail.ifPresent(clusterGid -> merged.add(merge.merge(email, clusterGid, gid)));
        }
        int present = rows.values().size() - copied;
        progress.accept("users: " + copied + " copied, " + present + " already there");
        merged.forEach(m -> progress.accept("  " + m.describe()));
        return new Counts(copied, present);
    }

    /** Whether the cluster has the user already: a gid it gives to someone else cannot be merged. */
    private boolean hasUser(long gid, String email) {
        Optional<String> sameGid = target.queryOne("SELECT email FROM users WHERE gid = ?", rs -> rs.getString(1), gid);
        if (sameGid.isPresent() && !sameGid.get().equalsIgnoreCase(email)) {
            throw new MigrationFailedException("Nothing was migrated: the cluster has a different user (" + sameGid.get()
                    + ") under gid " + gid + ", which the data directory gives to " + email + ". This data directory "
                    + "cannot be merged into this cluster; migrate it into an empty database instead.");
        }
        return sameGid.isPresent();
    }

    private Counts copy(TableCopy table) {
        Rows rows = read(table.table(), table.order());
        int copied = 0;
        for (List<Object> row : rows.values()) {
            copied += insert(table.table(), rows.columns(), row);
        }
        int present = rows.values().size() - copied;
        progress.accept(table.table() + ": " + copied + " copied, " + present + " already there");
        return new Counts(copied, present);
    }

    private Rows read(String table, String order) {
        List<String> columns = new ArrayList<>();
        List<List<Object>> values = source.query("SELECT * FROM " + table + " ORDER BY " + order, rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            if (columns.isEmpty()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
                }
            }
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(rs.getObject(i));
            }
            return row;
        });
        return new Rows(columns, values);
    }

    private int insert(String table, List<String> columns, List<Object> row) {
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ") ON CONFLICT DO NOTHING";
        return target.update(insert, row.toArray());
    }
}
