package dev.attache.server.attachments;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.attache.server.db.DataAccessException;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.RecentReads;
import dev.attache.server.directory.DirectoryStore;

/** {@link AttachmentStore} over JDBC, in SQL that SQLite and PostgreSQL both run. */
public final class JdbcAttachmentStore implements AttachmentStore {

    private static final String COLUMNS = "gid, parent_gid, resource_subtype, name, content_type, size_bytes, sha256, "
            + "blob_key, url, connected_to_app, created_by, created_at";

    /** The attachments a server reads again and again (GET one, downloads) are a handful; kept per gid. */
    static final int MAX_RECENT = 10_000;

    private final Jdbc jdbc;
    private final RecentReads<Long, Attachment> recentByGid;
    private final RecentReads<LocateKey, Located> recentLocated;

    private record LocateKey(long gid, long userGid) {
    }

    public JdbcAttachmentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.recentByGid = jdbc.recentReads(MAX_RECENT);
        this.recentLocated = jdbc.recentReads(MAX_RECENT);
    }

    @Override
    public boolean insert(Attachment a) {
        try {
            return jdbc.inTransaction(c -> {
                // PostgreSQL's foreign key makes this check race-free there; SQLite's single writer does here.
                if (Jdbc.query(c, "SELECT 1 FROM parents WHERE gid = ?", rs -> true, a.parentGid()).isEmpty()) {
                    return false;
                }
                Jdbc.update(c, "INSERT INTO attachments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        a.gid(), a.parentGid(), a.subtype(), a.name(), a.contentType(), a.size(), a.sha256(), a.blobKey(),
                        a.url(), a.connectedToApp(), a.createdBy(), a.createdAt().toEpochMilli());
                if (a.blobKey() != null) {
                    // From here on the row, not the intent, keeps the bytes from the orphan sweep.
                    Jdbc.update(c, "DELETE FROM upload_intents WHERE blob_key = ?", a.blobKey());
                }
                return true;
            });
        } catch (DataAccessException e) {
            if (e.isForeignKeyViolation()) {
                return false;
            }
            throw e;
        }
    }

    /** On SQLite, from memory while nothing has been committed since the row was read. */
    @Override
    public Optional<Attachment> find(long gid) {
        return recentByGid.get(gid, a -> true, this::read);
    }

    private Optional<Attachment> read(long gid) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM attachments WHERE gid = ?", JdbcAttachmentStore::row, gid);
    }

    /** On SQLite, from memory while nothing has been committed since the rows were read. */
    @Override
    public Optional<Located> locate(long gid, long userGid) {
        return recentLocated.get(new LocateKey(gid, userGid), l -> true, this::read);
    }

    private Optional<Located> read(LocateKey key) {
        long gid = key.gid();
        long userGid = key.userGid();
        return jdbc.queryOne("SELECT a.gid, a.parent_gid, a.resource_subtype, a.name, a.content_type, a.size_bytes, a.sha256, "
                        + "a.blob_key, a.url, a.connected_to_app, a.created_by, a.created_at, "
                        + "p.gid AS p_gid, p.resource_type AS p_resource_type, p.workspace_gid AS p_workspace_gid, "
                        + "p.name AS p_name, p.body AS p_body, p.project_gid AS p_project_gid, p.created_by AS p_created_by, "
                        + "p.created_at AS p_created_at, "
                        + "(SELECT COUNT(*) FROM memberships m WHERE m.workspace_gid = p.workspace_gid AND m.user_gid = ?) AS member "
                        + "FROM attachments a JOIN parents p ON p.gid = a.parent_gid WHERE a.gid = ?",
                rs -> new Located(row(rs), DirectoryStore.parent(rs, "p_"), rs.getInt("member") > 0), userGid, gid);
    }

    @Override
    public List<Attachment> page(long parentGid, long afterGid, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM attachments WHERE parent_gid = ? AND gid > ? ORDER BY gid LIMIT ?",
                JdbcAttachmentStore::row, parentGid, afterGid, limit);
    }

    @Override
    public Optional<Attachment> delete(long gid) {
        // One statement: when two nodes delete the same attachment at once, only one gets the row back.
        return jdbc.queryOne("DELETE FROM attachments WHERE gid = ? RETURNING " + COLUMNS, JdbcAttachmentStore::row, gid);
    }

    @Override
    public Optional<List<String>> deleteParent(long parentGid) {
        return jdbc.inTransaction(c -> {
            DirectoryStore.lockWithBriefs(c, jdbc.dialect(), parentGid);
            List<String> keys = new ArrayList<>();
            for (long brief : DirectoryStore.briefsOf(c, parentGid)) {
                keys.addAll(deleteAttachmentsOf(c, brief));
                DirectoryStore.deleteParent(c, brief);
            }
            keys.addAll(deleteAttachmentsOf(c, parentGid));
            return DirectoryStore.deleteParent(c, parentGid) ? Optional.of(keys) : Optional.empty();
        });
    }

    /** Every attachment with a gid above {@code afterGid}, up to {@code limit}, in gid order: for copying them all. */
    public List<Attachment> all(long afterGid, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM attachments WHERE gid > ? ORDER BY gid LIMIT ?",
                JdbcAttachmentStore::row, afterGid, limit);
    }

    @Override
    public boolean isReferenced(String blobKey) {
        return jdbc.queryOne("SELECT 1 FROM attachments WHERE blob_key = ?", rs -> true, blobKey).isPresent();
    }

    private static List<String> deleteAttachmentsOf(Connection c, long parentGid) throws SQLException {
        List<String> keys = Jdbc.query(c, "SELECT blob_key FROM attachments WHERE parent_gid = ? AND blob_key IS NOT NULL",
                rs -> rs.getString(1), parentGid);
        Jdbc.update(c, "DELETE FROM attachments WHERE parent_gid = ?", parentGid);
        return keys;
    }

    private static Attachment row(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong("gid"), rs.getLong("parent_gid"), rs.getString("resource_subtype"),
                rs.getString("name"), rs.getString("content_type"), Jdbc.nullableLong(rs, "size_bytes"),
                rs.getString("sha256"), rs.getString("blob_key"), rs.getString("url"),
                Jdbc.nullableBoolean(rs, "connected_to_app"), rs.getLong("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
