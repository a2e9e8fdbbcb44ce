package dev.attache.server.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.UploadIntents;
import dev.attache.server.db.DataAccessException;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.Settings;
import dev.attache.server.signing.SigningSecret;

/**
 * Copies an embedded data directory into a cluster's storage, also into a cluster whose nodes have
 * started and seeded it: every workspace, user, membership, token, OAuth app and grant, task, project and
 * brief with the same gids, then every attachment, uploads with their bytes, each SHA-256 checked against
 * its record. A cluster's user of the same email as one of the data directory's (the first start's
 * {@code dev@attache.local}) is merged into it, see {@link UserMerge}. The cluster's own workspaces stay
 * as they are, beside the data directory's.
 *
 * <p>All or nothing: the uploads' bytes are copied first, under upload intents that keep the cluster's
 * sweep off them; then one transaction writes every row. When anything fails, the transaction is rolled
 * back and the copied bytes are removed (or, when the store cannot be reached, left to the cluster's
 * orphan sweep, which removes them once their intents go stale). Rows the cluster has already are left
 * as they are, and uploads it has are not copied again, so a second run copies nothing. Not
 * thread-safe; run one at a time.
 */
public final class DataMigration {

    private static final int PAGE = 200;

    /**
     * What a run did.
     *
     * @param copiedRows    directory rows (workspaces to briefs) written to the cluster
     * @param presentRows   directory rows the cluster had already, the users it had under their emails included
     * @param links         external attachments written
     * @param uploads       uploaded attachments written, bytes verified
     * @param bytes         bytes copied and verified
     * @param presentAttachments attachments the cluster had already
     * @param damaged       uploads left out because their bytes are missing or differ from their record
     * @param mergedUsers   one line for each cluster user merged into the data directory's user of its email
     * @param secretAdopted whether the cluster now signs with the data directory's secret
     */
    public record Report(int copiedRows, int presentRows, int links, int uploads, long bytes, int presentAttachments,
                         List<String> damaged, List<String> mergedUsers, boolean secretAdopted) {
        public Report {
            damaged = List.copyOf(damaged);
            mergedUsers = List.copyOf(mergedUsers);
        }
    }

    private final Jdbc source;
    private final BlobStore sourceBlobs;
    private final Path sourceDataDir;
    private final Jdbc target;
    private final BlobStore targetBlobs;
    private final Consumer<String> progress;
    private final Clock clock = Clock.systemUTC();

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

    /**
     * Copies everything not yet in the cluster, or nothing.
     *
     * @throws MigrationFailedException when the cluster's database or store failed or refused a row;
     *                                  nothing of this run is left in the cluster then
     */
    public Report run() {
        StagedUploads staged = new StagedUploads(sourceBlobs, targetBlobs,
                new UploadIntents(target, clock, AdminStorage.NODE_ID), clock);
        List<String> damaged = new ArrayList<>();
        try {
            stageUploads(staged, damaged);
        } catch (IOException | RuntimeException e) {
            staged.discard();
            throw failed("copying the uploads' bytes into the cluster's blob store failed", e);
        }
        Rows written = writeRows(staged, damaged);
        progress.accept("attachments: " + staged.count() + " uploads (" + staged.bytes() + " bytes, every SHA-256 "
                + "verified) and " + written.links() + " links copied, " + written.presentAttachments()
                + " already there, " + damaged.size() + " damaged");
        progress.accept(written.secretAdopted()
                ? "signing secret: the cluster uses the data directory's, so its download URLs and offset tokens stay valid"
                : "signing secret: the cluster keeps its own, so download URLs and offset tokens the single server "
                        + "handed out (valid for 30 and 15 minutes by default) stop working; clients get new ones by "
                        + "asking again");
        return new Report(written.directory().copied(), written.directory().present(), written.links(), staged.count(),
                staged.bytes(), written.presentAttachments(), damaged, written.mergedUsers(), written.secretAdopted());
    }

    /** What the transaction wrote. */
    private record Rows(DirectoryCopy.Counts directory, int links, int presentAttachments, List<String> mergedUsers,
                        boolean secretAdopted) {
    }

    /** Copies the bytes of every upload the cluster lacks, before any row is written. */
    private void stageUploads(StagedUploads staged, List<String> damaged) throws IOException {
        JdbcAttachmentStore from = new JdbcAttachmentStore(source);
        JdbcAttachmentStore to = new JdbcAttachmentStore(target);
        long after = 0;
        for (List<Attachment> page = from.all(after, PAGE); !page.isEmpty(); page = from.all(after, PAGE)) {
            for (Attachment a : page) {
                if (!a.isUpload() || to.find(a.gid()).isPresent()) {
                    continue;
                }
                Optional<String> problem = hasParent(a) ? staged.stage(a)
                        : Optional.of("its parent " + a.parentGid() + " is not in the data directory");
                problem.ifPresent(p -> {
                    damaged.add(a.gid() + " (" + a.name() + "): " + p);
                    progress.accept("attachment " + a.gid() + " left out: " + p);
                });
            }
            after = page.get(page.size() - 1).gid();
        }
    }

    private boolean hasParent(Attachment a) {
        return source.queryOne("SELECT 1 FROM parents WHERE gid = ?", rs -> true, a.parentGid()).isPresent();
    }

    /** Writes every row in one transaction; on failure removes the staged bytes and says why. */
    private Rows writeRows(StagedUploads staged, List<String> damaged) {
        List<Attachment> refused = new ArrayList<>();
        Rows rows;
        try {
            rows = target.inTransaction(c -> {
                DirectoryCopy copy = new DirectoryCopy(source, target, new UserMerge(target, clock), progress);
                DirectoryCopy.Counts directory = copy.copy();
                int[] attachments = copyAttachmentRows(staged, refused);
                return new Rows(directory, attachments[0], attachments[1],
                        copy.merged().stream().map(UserMerge.Merged::describe).toList(), adoptSecret());
            });
        } catch (MigrationFailedException e) {
            discardUnlessWritten(staged);
            throw e;
        } catch (RuntimeException e) {
            discardUnlessWritten(staged);
            throw failed("the cluster's database refused or failed to store the rows", e);
        }
        for (Attachment a : refused) {
            staged.discard(a.gid());
            String problem = "its parent " + a.parentGid() + " is in neither the data directory nor the cluster";
            damaged.add(a.gid() + " (" + a.name() + "): " + problem);
            progress.accept("attachment " + a.gid() + " left out: " + problem);
        }
        return rows;
    }

    /** Writes the attachment rows inside the transaction: {links written, attachments present}. */
    private int[] copyAttachmentRows(StagedUploads staged, List<Attachment> refused) {
        JdbcAttachmentStore from = new JdbcAttachmentStore(source);
        JdbcAttachmentStore to = new JdbcAttachmentStore(target);
        int links = 0;
        int present = 0;
        long after = 0;
        for (List<Attachment> page = from.all(after, PAGE); !page.isEmpty(); page = from.all(after, PAGE)) {
            for (Attachment a : page) {
                if (staged.isStaged(a.gid())) {
                    if (!to.insert(staged.moved(a))) {
                        refused.add(a);
                    }
                } else if (a.isUpload()) {
                    present += to.find(a.gid()).isPresent() ? 1 : 0;
                } else if (to.find(a.gid()).isPresent()) {
                    present++;
                } else if (to.insert(a)) {
                    links++;
                } else {
                    refused.add(a);
                }
            }
            after = page.get(page.size() - 1).gid();
        }
        return new int[] {links, present};
    }

    private boolean adoptSecret() {
        try {
            return SigningSecret.adopt(sourceDataDir, new Settings(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the staged bytes once it is certain that their rows were not written. A failure while
     * committing can leave that unknown; the bytes stay then, and the sweep removes them only if no row
     * references them.
     */
    private void discardUnlessWritten(StagedUploads staged) {
        try {
            boolean written = staged.anyGid().flatMap(gid -> target.queryOne("SELECT 1 FROM attachments WHERE gid = ?",
                    rs -> true, gid)).isPresent();
            if (!written) {
                staged.discard();
            }
        } catch (DataAccessException e) {
            progress.accept("the cluster's database is unreachable; the copied bytes are left to the cluster's sweep");
        }
    }

    private static MigrationFailedException failed(String what, Throwable cause) {
        return new MigrationFailedException("Nothing was migrated: " + what + reason(cause) + ". The cluster is as "
                + "it was before; run the migration again once the cause is fixed (--verbose shows the details).", cause);
    }

    /** Why, in words: the database's own message is SQL and goes to --verbose only. */
    private static String reason(Throwable cause) {
        if (cause instanceof DataAccessException && cause.getCause() instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("08")) {
                return ", because the connection to it was lost";
            }
            if (state.startsWith("23")) {
                return ", because a row of the data directory conflicts with one of the cluster's";
            }
            return "";
        }
        if (cause instanceof DataAccessException || cause.getMessage() == null) {
            return "";
        }
        int newline = cause.getMessage().indexOf('\n');
        return " (" + (newline < 0 ? cause.getMessage() : cause.getMessage().substring(0, newline)) + ")";
    }
}
