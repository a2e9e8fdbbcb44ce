package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class UploadCommandTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;
    private String task;

    UploadCommandTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @BeforeEach
    void start() {
        task = server.createTask("t").value();
    }

    @Test
    void uploadJsonPrintsEachCreatedAttachmentOnItsOwnLineWithItsFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");
        Path b = Files.writeString(dir.resolve("b.txt"), "bb");
        Path c = Files.writeString(dir.resolve("c.txt"), "c");

        List<String> lines = cli.ok("upload", "--parent", task, "--json", a.toString(), b.toString(), c.toString()).lines();

        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(l -> read(json, l).get("name").asText())).containsExactlyInAnyOrder("a.txt", "b.txt", "c.txt");
        assertThat(lines.stream().map(l -> read(json, l).get("file").asText()))
                .containsExactlyInAnyOrder(a.toString(), b.toString(), c.toString());
        assertThat(read(json, lines.get(0)).get("parent").get("gid").asText()).isEqualTo(task);
    }

    @Test
    void uploadedFilesAreListedWithTheirSizes() throws Exception {
        Path a = Files.write(dir.resolve("a.bin"), new byte[1000]);

        cli.ok("upload", "--parent", task, a.toString());

        String listed = cli.ok("ls", "--parent", task, "--json", "--fields", "size").lines().get(0);
        assertThat(new ObjectMapper().readTree(listed).get("size").asLong()).isEqualTo(1000);
    }

    @Test
    void uploadPrintsOneReadableLinePerFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");

        Cli.Run run = cli.ok("upload", "--parent", task, a.toString());

        assertThat(run.out()).matches("Uploaded .*a\\.txt as \\d+\n");
    }

    @Test
    void uploadDrawsNoProgressWhenStandardErrorIsNotATerminal() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");

        Cli.Run run = cli.ok("upload", "--parent", task, a.toString());

        assertThat(run.err()).isEmpty();
    }

    @Test
    void uploadOfAMissingFileNamesItAndExitsWithUsage() throws Exception {
        Path missing = dir.resolve("missing.txt");

        Cli.Run run = cli.run("upload", "--parent", task, missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("FAILED " + missing + ": no such file\n");
        assertThat(cli.ok("ls", "--parent", task).out()).isEqualTo("No attachments.\n");
    }

    @Test
    void uploadToAnUnknownParentExitsWithNotFound() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");

        Cli.Run run = cli.run("upload", "--parent", "999999999", a.toString());

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void anUnknownParentFailsTheBatchBeforeAnyFileIsSent() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");
        Path b = Files.writeString(dir.resolve("b.txt"), "bbb");
        long postsBefore = calls.requests("POST");

        Cli.Run run = cli.run("upload", "--parent", "999999999", a.toString(), b.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("attache: ") && !l.contains("FAILED"));
        assertThat(calls.requests("POST")).isEqualTo(postsBefore);
    }

    @Test
    void uploadSendsTheGivenContentType() throws Exception {
        Path a = Files.writeString(dir.resolve("a.dat"), "x,y\n1,2\n");
        String gid = new ObjectMapper().readTree(cli.ok("upload", "--parent", task, "--json", "--content-type", "text/csv",
                a.toString()).out()).get("gid").asText();

        String url = new ObjectMapper().readTree(cli.ok("get", gid, "--json", "--fields", "download_url").out())
                .get("download_url").asText();

        HttpResponse<Void> head = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    }

    @Test
    void linkCreatesAnExternalAttachment() throws Exception {
        String line = cli.ok("link", "--parent", task, "--url", "https://example.com/spec", "--name", "Spec", "--json")
                .lines().get(0);

        JsonNode created = new ObjectMapper().readTree(line);
        assertThat(created.get("resource_subtype").asText()).isEqualTo("external");
        assertThat(created.get("view_url").asText()).isEqualTo("https://example.com/spec");
    }

    @Test
    void uploadOfAGoodAndAnOversizedFileUploadsTheGoodOneAndNamesBoth() throws Exception {
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        Path big = oversized("big.bin");

        Cli.Run run = cli.run("upload", "--parent", task, one.toString(), big.toString());

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.out()).matches("Uploaded " + java.util.regex.Pattern.quote(one.toString()) + " as \\d+\n");
        assertThat(run.err()).contains("FAILED " + big + ": is 100.0 MiB (104857601 bytes), over the API's 100 MB limit")
                .contains("1 of 2 failed");
        assertThat(calls.names(task)).containsExactly("one.txt");
    }

    @Test
    void uploadJsonHasAnObjectForTheRefusedFileToo() throws Exception {
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        Path big = oversized("big.bin");

        Cli.Run run = cli.run("upload", "--parent", task, "--json", one.toString(), big.toString());

        ObjectMapper json = new ObjectMapper();
        assertThat(run.lines()).hasSize(2);
        JsonNode failed = run.lines().stream().map(l -> read(json, l)).filter(n -> n.has("error")).findFirst().orElseThrow();
        assertThat(failed.get("file").asText()).isEqualTo(big.toString());
        assertThat(failed.get("error").asText()).contains("100 MB");
    }

    @Test
    void anOversizedFileIsRefusedWithoutSendingARequest() throws Exception {
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        Path big = oversized("big.bin");
        long postsBefore = calls.requests("POST");

        cli.run("upload", "--parent", task, one.toString(), big.toString());

        assertThat(calls.requests("POST") - postsBefore).isEqualTo(1);
    }

    @Test
    void aDirectoryIsRefusedByName() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));

        Cli.Run run = cli.run("upload", "--parent", task, folder.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("FAILED " + folder + ": is a directory");
    }

    @Test
    void uploadWithSkipExistingDoesNotDuplicateWhatAnEarlierRunUploaded() throws Exception {
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        Path two = Files.writeString(dir.resolve("two.txt"), "two");
        String first = new ObjectMapper().readTree(cli.ok("upload", "--parent", task, "--json", one.toString()).out())
                .get("gid").asText();

        Cli.Run run = cli.ok("upload", "--parent", task, "--skip-existing", one.toString(), two.toString());

        assertThat(run.out()).contains("Skipped " + one + " (already " + first + ")");
        assertThat(calls.names(task)).containsExactly("one.txt", "two.txt");
    }

    @Test
    void uploadWithSkipExistingUploadsASameSizedFileWithOtherBytes() throws Exception {
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        cli.ok("upload", "--parent", task, one.toString());
        Files.writeString(one, "eno");

        Cli.Run run = cli.ok("upload", "--parent", task, "--skip-existing", one.toString());

        assertThat(run.out()).startsWith("Uploaded ");
        assertThat(calls.names(task)).containsExactly("one.txt", "one.txt");
    }

    @Test
    void uploadIdsPrintsOnlyTheNewGids() throws Exception {
        Path one = Files.writeString(dir.resolve("one.txt"), "one");

        Cli.Run run = cli.ok("upload", "--parent", task, "--ids", one.toString());

        assertThat(run.out()).matches("\\d+\n");
    }

    /** A sparse file one byte over the API's limit: nothing is written to disk. */
    private Path oversized(String name) throws Exception {
        Path file = dir.resolve(name);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024 + 1);
        }
        return file;
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
