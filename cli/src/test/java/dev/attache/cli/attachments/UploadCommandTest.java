package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class UploadCommandTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Cli cli;
    private String task;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("data"));
        cli = new Cli(server);
        task = server.newTask();
    }

    @AfterEach
    void stop() {
        server.close();
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

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
