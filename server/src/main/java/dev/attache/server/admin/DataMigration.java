package dev.attache.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.Settings;
import dev.attache.server.signing.SigningSecret;

/**
 * Copies an embedded data directory into a cluster's storage: every workspace, user, membership, token,
 * task, project and brief with the same gids, then every attachment, uploads with their bytes, each
 * SHA-256 checked against its record before its row is written. Rows already in the cluster are left
 * as they are, so a run interrupted at any point is finished by running it again; bytes copied by an
 * interrupted run whose row was never written are upload-intent orphans the cluster's sweep removes.
 * Not thread-safe; run one at a time.
 */
public final class DataMigration {

    private static final int PAGE = 200;
    private static final int BUFFER_BYTES = 256 * 1024;
    /** Copied in this order so that every row's references exist before it does. */
    private static final List<TableCopy> TABLES = List.of(
            new TableCopy("workspaces", "gid"),
            new TableCopy("users", "gid"),
            new TableCopy("memberships", "workspace_gid, user_gid"),
            new TableCopy("tokens", "gid"),
            // Projects before their briefs: a brief's project_gid is a foreign key on PostgreSQL.
            new TableCopy("parents", "CASE WHEN project_gid IS NULL THEN 0 ELSE 1 END, gid"));

    /**
     * What a run did.
     *
     * @param copiedRows    directory rows (workspaces to briefs) written to the cluster
     * @param presentRows   directory rows the cluster had already
     * @param links         external attachments written
     * @param uploads       uploaded attachments written, bytes verified
     * @param bytes         bytes copied and verified
     * @param presentAttachments attachments the cluster had already
     * @param damaged       uploads left out because their bytes are missing or differ from their record
     * @param secretAdopted whether the cluster now signs with the data directory's secret
     */
    public record Report(int copiedRows, int presentRows, int links, int uploads, long bytes, int presentAttachments,
                         List<String> damaged, boolean secretAdopted) {
        public Report {
            damaged = List.copyOf(damaged);
        }
    }

    private record TableCopy(String table, String order) {
    }

    private final Jdbc source;
    private final BlobStore sourceBlobs;
    private final Path sourceDataDir;
    private final Jdbc target;
    private final BlobStore targetBlobs;
    private final Consumer<String> progress;

    /**
     * @param targetBlobs the cluster's blob store, recording upload intents like a node's
     * @param progress    receives one line per step, for the operator
     */
    public DataMigration(Jdbc source, BlobStore sourceBlobs, Path sourceDataDir, Jdbc target, BlobStore targetBlobs,
                         Consumer<String> progress) {
        this.source = source;
        this.sourceBlobs = sourceBlobs;
        this.sourceDataDir = sourceDataDir;
        this.target = target;
        this.targetBlobs = targetBlobs;
        this.progress = progress;
    }

    /** Copies everything not yet in the cluster. */
    public Report run() throws IOException {
        int copied = 0;
        int present = 0;
        for (TableCopy table : TABLES) {
            int[] counts = copy(table);
            copied += counts[0];
            present += counts[1];
            progress.accept(table.table() + ": " + counts[0] + " copied, " + counts[1] + " already there");
        }
        Report attachments = copyAttachments();
        boolean adopted = SigningSecret.adopt(sourceDataDir, new Settings(target));
        progress.accept(adopted
                ? "signing secret: the cluster uses the data directory's, so its download URLs and offset tokens stay valid"
                : "signing secret: the cluster keeps its own; URLs signed by the single server stop working");
        return new Report(copied, present, attachments.links(), attachments.uploads(), attachments.bytes(),
                attachments.presentAttachments(), attachments.damaged(), adopted);
    }

    /** Copies a table's rows the cluster lacks; {copied, present}. */
    private int[] copy(TableCopy table) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        source.query("SELECT * FROM " + table.table() + " ORDER BY " + table.order(), rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            if (columns.isEmpty()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                }
            }
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
            return true;
        });
        if (rows.isEmpty()) {
            return new int[] {0, 0};
        }
        String insert = "INSERT INTO " + table.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ") ON CONFLICT DO NOTHING";
        int copied = 0;
        for (List<Object> row : rows) {
            copied += target.update(insert, row.toArray());
        }
        return new int[] {copied, rows.size() - copied};
    }

    private Report copyAttachments() throws IOException {
        JdbcAttachmentStore from = new JdbcAttachmentStore(source);
        JdbcAttachmentStore to = new JdbcAttachmentStore(target);
        int links = 0;
        int uploads = 0;
        long bytes = 0;
        int present = 0;
        List<String> damaged = new ArrayList<>();
        long after = 0;
        for (List<Attachment> page = from.all(after, PAGE); !page.isEmpty(); page = from.all(after, PAGE)) {
            for (Attachment a : page) {
                if (to.find(a.gid()).isPresent()) {
                    present++;
                } else if (!a.isUpload()) {
                    to.insert(a);
                    links++;
                } else {
                    Optional<String> problem = copyUpload(a, to);
                    if (problem.isPresent()) {
                        damaged.add(a.gid() + " (" + a.name() + "): " + problem.get());
                        progress.accept("attachment " + a.gid() + " left out: " + problem.get());
                    } else {
                        uploads++;
                        bytes += a.size();
                    }
                }
            }
            after = page.get(page.size() - 1).gid();
        }
        progress.accept("attachments: " + uploads + " uploads (" + bytes + " bytes, every SHA-256 verified) and "
                + links + " links copied, " + present + " already there, " + damaged.size() + " damaged");
        return new Report(0, 0, links, uploads, bytes, present, damaged, false);
    }

    /** Copies one upload's bytes under a new key, checks them, then writes its row; a problem, or empty. */
    private Optional<String> copyUpload(Attachment a, JdbcAttachmentStore to) throws IOException {
        Optional<BlobStore.Blob> blob = sourceBlobs.open(a.blobKey());
        if (blob.isEmpty()) {
            return Optional.of("no bytes under blob key " + a.blobKey());
        }
        if (blob.get().size() != a.size()) {
            return Optional.of("recorded " + a.size() + " bytes, found " + blob.get().size());
        }
        MessageDigest digest = sha256();
        try (BlobWriter writer = targetBlobs.create(); InputStream in = blob.get().openRange(0, blob.get().size())) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                writer.write(ByteBuffer.wrap(buffer, 0, n));
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equalsIgnoreCase(a.sha256())) {
                return Optional.of("recorded sha256 " + a.sha256() + ", found " + sha256);
            }
            writer.commit();
            Attachment moved = new Attachment(a.gid(), a.parentGid(), a.subtype(), a.name(), a.contentType(), a.size(),
                    a.sha256(), writer.key(), a.url(), a.connectedToApp(), a.createdBy(), a.createdAt());
            if (!to.insert(moved)) {
                targetBlobs.delete(writer.key());
                return Optional.of("its parent " + a.parentGid() + " is not in the cluster");
            }
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
