package dev.attache.server.admin;

import java.util.List;

import dev.attache.server.db.Jdbc;

/** Reads the attachments that have bytes in the blob store, a page at a time. Thread-safe. */
final class UploadRows {

    /** What the scrub needs of one attachment row. */
    record UploadRow(long gid, long parentGid, String name, long size, String sha256, String blobKey) {
    }

    private final Jdbc jdbc;

    UploadRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} uploads with gids above {@code afterGid}, in gid order. */
    List<UploadRow> page(long afterGid, int limit) {
        return jdbc.query("SELECT gid, parent_gid, name, size_bytes, sha256, blob_key FROM attachments "
                        + "WHERE blob_key IS NOT NULL AND gid > ? ORDER BY gid LIMIT ?",
                rs -> new UploadRow(rs.getLong("gid"), rs.getLong("parent_gid"), rs.getString("name"),
                        rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("blob_key")),
                afterGid, limit);
    }
}
