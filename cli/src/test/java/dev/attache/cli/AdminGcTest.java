package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.FileBlobStore;

class AdminGcTest {

    @TempDir
    Path dir;

    private FileBlobStore blobs() throws Exception {
        return FileBlobStore.open(dir.resolve("blobs"));
    }

    /** Stored bytes with no attachment row: what an upload that died before its insert leaves. */
    private String orphan() throws Exception {
        try (BlobWriter writer = blobs().create()) {
            writer.write(ByteBuffer.wrap("orphan".getBytes(StandardCharsets.UTF_8)));
            writer.commit();
            return writer.key();
        }
    }

    @Test
    void gcRemovesBytesNoAttachmentReferences() throws Exception {
        App.start(ServerConfig.forTests(dir)).close();
        String key = orphan();

        AdminCli.Run run = new AdminCli(dir).run("gc");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1 unreferenced blob");
        assertThat(blobs().open(key)).isEmpty();
    }

    @Test
    void gcRemovesPartialWrites() throws Exception {
        App.start(ServerConfig.forTests(dir)).close();
        Files.write(dir.resolve("blobs/tmp/0123456789abcdef0123456789abcdef.part"), new byte[] {1, 2, 3});

        AdminCli.Run run = new AdminCli(dir).run("gc");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Removed 1 partial upload");
        assertThat(dir.resolve("blobs/tmp")).isEmptyDirectory();
    }

    @Test
    void gcRefusesAndDeletesNothingWhileAServerRuns() throws Exception {
        try (App app = App.start(ServerConfig.forTests(dir))) {
            String key = orphan();

            AdminCli.Run run = new AdminCli(dir).run("gc");

            assertThat(run.exitCode()).isEqualTo(6);
            assertThat(run.err()).startsWith("attache: a server is running on ").hasLineCount(1);
            assertThat(blobs().open(key)).isPresent();
        }
    }

    @Test
    void serverStartsOnTheDataDirAfterGc() throws Exception {
        App.start(ServerConfig.forTests(dir)).close();
        new AdminCli(dir).ok("gc");

        try (App app = App.start(ServerConfig.forTests(dir))) {
            assertThat(app.port()).isPositive();
        }
    }
}
