package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.client.AttachmentGid;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class ExportStaleFilesTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;
    private String task;
    private Path out;
    private String gone;

    ExportStaleFilesTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @BeforeEach
    void exportThenDeleteOneOnTheServer() {
        task = server.createTask("t").value();
        out = dir.resolve("export");
        calls.upload(task, "kept.bin", ServerCalls.randomBytes(1000));
        gone = calls.upload(task, "gone.bin", ServerCalls.randomBytes(2000));
        cli.ok("export", "--parent", task, "--dir", out.toString());
        server.client().deleteAttachment(new AttachmentGid(gone)).join();
    }

    @Test
    void aFileWhoseAttachmentWasDeletedIsReportedKeptAndStillListed() throws Exception {
        Cli.Run run = cli.ok("export", "--parent", task, "--dir", out.toString());

        assertThat(run.out()).contains("Stale " + out.resolve("gone.bin") + ": " + gone + " is no longer on the server");
        assertThat(out.resolve("gone.bin")).exists();
        assertThat(manifestFiles()).containsExactly("kept.bin", "gone.bin");
    }

    @Test
    void deleteRemovesItAndTheManifestNoLongerListsIt() throws Exception {
        Cli.Run run = cli.ok("export", "--parent", task, "--dir", out.toString(), "--delete");

        assertThat(run.out()).contains("Removed " + out.resolve("gone.bin"));
        assertThat(out.resolve("gone.bin")).doesNotExist();
        assertThat(out.resolve("kept.bin")).exists();
        assertThat(manifestFiles()).containsExactly("kept.bin");
    }

    @Test
    void dryRunWithDeleteSaysWhatItWouldRemoveAndRemovesNothing() throws Exception {
        String manifest = Files.readString(out.resolve("manifest.json"));

        Cli.Run run = cli.ok("export", "--parent", task, "--dir", out.toString(), "--delete", "--dry-run");

        assertThat(run.out()).contains("Would remove " + out.resolve("gone.bin"));
        assertThat(out.resolve("gone.bin")).exists();
        assertThat(Files.readString(out.resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void deleteNeverRemovesAFileTheExportDidNotWriteOrOneChangedSince() throws Exception {
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("gone.bin"), "edited by hand");

        Cli.Run run = cli.ok("export", "--parent", task, "--dir", out.toString(), "--delete");

        assertThat(out.resolve("notes.txt")).hasContent("mine");
        assertThat(out.resolve("gone.bin")).hasContent("edited by hand");
        assertThat(run.out()).contains("Kept " + out.resolve("gone.bin"));
    }

    @Test
    void aManifestNamingAPathOutsideTheDirectoryRemovesNothingThere() throws Exception {
        // The same bytes as the deleted attachment's, so only where the file is keeps it.
        Path outside = Files.write(dir.resolve("outside.bin"), ServerCalls.randomBytes(2000));
        String manifest = Files.readString(out.resolve("manifest.json")).replace("\"gone.bin\"", "\"../outside.bin\"");
        Files.writeString(out.resolve("manifest.json"), manifest);

        cli.ok("export", "--parent", task, "--dir", out.toString(), "--delete");

        assertThat(outside).exists();
    }

    private List<String> manifestFiles() throws Exception {
        List<String> files = new ArrayList<>();
        new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("attachments")
                .forEach(a -> files.add(a.get("file").asText()));
        return files;
    }
}
