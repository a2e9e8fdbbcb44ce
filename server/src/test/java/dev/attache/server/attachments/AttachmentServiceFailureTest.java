package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.auth.Principal;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.BlobFiles;

/**
 * The last step of an upload before its commit, rendering the answer, failing: nothing is kept. Over
 * real SQLite and real files; the render is the function the routes pass, here one that throws.
 */
class AttachmentServiceFailureTest {

    @TempDir
    Path dir;

    private Database database;
    private JdbcAttachmentStore store;
    private FileBlobStore blobs;
    private AttachmentService service;
    private Principal principal;
    private Parent task;

    @BeforeEach
    void setUp() throws IOException {
        database = Database.sqlite(dir);
        database.migrate();
        Clock clock = Clock.systemUTC();
        GidGenerator gids = new GidGenerator(clock, 0);
        Jdbc jdbc = database.jdbc();
        DirectoryStore directory = new DirectoryStore(jdbc, gids, clock);
        Workspace workspace = directory.createWorkspace("w");
        User user = directory.createUser("u", "u@example.com");
        directory.addMember(workspace.gid(), user.gid());
        task = directory.createParent(ParentType.TASK, workspace.gid(), "t", null, null, user.gid());
        principal = new Principal(user.gid(), 1, TokenKind.PERSONAL, Set.of(Scope.values()));
        store = new JdbcAttachmentStore(jdbc);
        blobs = FileBlobStore.open(dir.resolve("blobs"));
        service = new AttachmentService(store, blobs, new Access(directory), gids, clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void answerThatCannotBeRenderedLeavesNoRowAndNoBytes() throws IOException {
        RuntimeException renderFailure = new IllegalStateException("render failed (injected)");
        try (UploadForm form = formWithFile()) {
            assertThatThrownBy(() -> service.create(principal, form, null, created -> {
                throw renderFailure;
            })).isSameAs(renderFailure);
        }

        assertThat(store.page(task.gid(), 0, 10)).isEmpty();
        assertThat(BlobFiles.all(dir)).isEmpty();
    }

    @Test
    void answerIsRenderedBeforeTheBytesOrTheRowCommit() throws IOException {
        try (UploadForm form = formWithFile()) {
            boolean committedWhenRendered = service.create(principal, form, null,
                    created -> !store.page(task.gid(), 0, 10).isEmpty() || blobFiles() > 0);

            assertThat(committedWhenRendered).isFalse();
        }
        assertThat(store.page(task.gid(), 0, 10)).hasSize(1);
    }

    private long blobFiles() {
        return BlobFiles.all(dir).stream().filter(p -> !p.toString().endsWith(".part")).count();
    }

    private UploadForm formWithFile() throws IOException {
        byte[] bytes = "rendered or nothing".getBytes(StandardCharsets.UTF_8);
        BlobWriter writer = blobs.create();
        writer.write(ByteBuffer.wrap(bytes));
        return new UploadForm(Map.of("parent", Long.toString(task.gid())),
                new UploadForm.ReceivedFile(writer, "a.txt", "text/plain", bytes.length, "0".repeat(64)));
    }
}
