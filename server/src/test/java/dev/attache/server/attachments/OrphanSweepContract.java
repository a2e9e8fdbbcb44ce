package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.IntentRecordingBlobStore;
import dev.attache.server.blob.UploadIntents;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.Leases;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.DatabaseContract;
import dev.attache.server.testing.Engine;
import dev.attache.server.testing.MutableClock;

/**
 * The orphan sweep of a blob store that several nodes share: it removes what dead uploads and
 * interrupted deletes left, and never what a live upload on another node is writing.
 */
abstract class OrphanSweepContract extends DatabaseContract {

    private static final Duration GRACE = Duration.ofHours(1);

    /** Files get the real time as mtime; the sweep's clock runs ahead of it to make them old. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private FileBlobStore files;
    private AttachmentStore store;
    private Parent task;
    private User user;

    OrphanSweepContract(Engine engine) {
        super(engine);
    }

    @BeforeEach
    void openStores() throws IOException {
        files = FileBlobStore.open(dir.resolve("blobs"));
        store = new JdbcAttachmentStore(jdbc);
        DirectoryStore directory = new DirectoryStore(jdbc, new GidGenerator(Clock.systemUTC(), 1), Clock.systemUTC());
        Workspace w = directory.createWorkspace("W");
        user = directory.createUser("U", "u@example.com");
        task = directory.createParent(ParentType.TASK, w.gid(), "T", null, null, user.gid());
    }

    @Test
    void committedBytesOfAnUploadThatDiedBeforeItsRowAreRemovedAfterTheGracePeriod() throws IOException {
        BlobWriter dead = node(1).create();
        write(dead);
        dead.commit();
        clock.advance(GRACE.plusMinutes(1));

        OrphanSweeper.Result result = sweeper(2).sweep();

        assertThat(result.unreferenced()).isEqualTo(1);
        assertThat(committedKeys()).isEmpty();
    }

    @Test
    void bytesALiveUploadOnAnotherNodeIsWritingAreKeptPastTheGracePeriod() throws IOException {
        BlobStore uploader = node(1);
        BlobWriter live = uploader.create();
        write(live);
        clock.advance(GRACE.plusMinutes(1));
        write(live);

        sweeper(2).sweep();
        live.commit();
        sweeper(2).sweep();

        assertThat(committedKeys()).containsExactly(live.key());
    }

    @Test
    void bytesJustCommittedAndAwaitingTheirRowAreKept() throws IOException {
        BlobWriter writer = node(1).create();
        write(writer);
        clock.advance(GRACE.minusMinutes(1));
        writer.commit();
        clock.advance(Duration.ofMinutes(2));

        sweeper(2).sweep();

        assertThat(committedKeys()).containsExactly(writer.key());
    }

    @Test
    void bytesWithAnAttachmentRowAreKeptWhateverTheirAge() throws IOException {
        BlobWriter writer = node(1).create();
        write(writer);
        writer.commit();
        store.insert(new Attachment(1, task.gid(), Attachment.ASANA, "a", "text/plain", 5L, "x", writer.key(), null, null,
                user.gid(), Instant.now()));
        clock.advance(GRACE.multipliedBy(10));

        assertThat(sweeper(2).sweep().unreferenced()).isZero();
        assertThat(committedKeys()).containsExactly(writer.key());
    }

    @Test
    void bytesADeleteLeftBehindAreRemoved() throws IOException {
        BlobWriter writer = node(1).create();
        write(writer);
        writer.commit();
        store.insert(new Attachment(1, task.gid(), Attachment.ASANA, "a", "text/plain", 5L, "x", writer.key(), null, null,
                user.gid(), Instant.now()));
        store.delete(1);
        clock.advance(GRACE.plusMinutes(1));

        assertThat(sweeper(2).sweep().unreferenced()).isEqualTo(1);
        assertThat(committedKeys()).isEmpty();
    }

    @Test
    void thePartialWriteOfADeadUploadAndItsIntentAreRemoved() throws IOException {
        BlobWriter dead = node(1).create();
        write(dead);
        clock.advance(GRACE.plusMinutes(1));

        OrphanSweeper.Result result = sweeper(2).sweep();

        assertThat(result.partials()).isEqualTo(1);
        assertThat(result.staleIntents()).isEqualTo(1);
        List<String> partials = new ArrayList<>();
        files.forEachPartial(p -> partials.add(p.key()));
        assertThat(partials).isEmpty();
    }

    @Test
    void onlyOneNodeSweepsAtATime() throws IOException {
        Duration every = Duration.ofMinutes(5);

        assertThat(sweeper(1).sweepIfLeader(every)).isPresent();
        assertThat(sweeper(2).sweepIfLeader(every)).isEmpty();
        assertThat(sweeper(1).sweepIfLeader(every)).as("the holder sweeps again").isPresent();
    }

    private BlobStore node(int nodeId) {
        Jdbc node = connectNode().jdbc();
        return new IntentRecordingBlobStore(files, new UploadIntents(node, clock, nodeId), clock, GRACE.dividedBy(4));
    }

    private OrphanSweeper sweeper(int nodeId) {
        Jdbc node = connectNode().jdbc();
        return new OrphanSweeper(files, new JdbcAttachmentStore(node), new UploadIntents(node, clock, nodeId),
                new Leases(node, clock), "node-" + nodeId, clock, GRACE);
    }

    private static void write(BlobWriter writer) throws IOException {
        writer.write(ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> committedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        files.forEach(b -> keys.add(b.key()));
        return keys;
    }
}
