package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class GetCommandTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Cli cli;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("data"));
        cli = new Cli(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getPrintsTheDefaultFieldsOneToALine() {
        String task = server.newTask();
        String gid = server.upload(task, "plan.txt", new byte[5]);

        Cli.Run run = cli.ok("get", gid);

        assertThat(run.lines()).contains("gid: " + gid, "name: plan.txt", "resource_subtype: asana", "parent.gid: " + task);
    }

    @Test
    void getJsonPrintsOneObjectPerGidOnItsOwnLine() throws Exception {
        String task = server.newTask();
        String first = server.upload(task, "a.txt", new byte[5]);
        String second = server.upload(task, "b.txt", new byte[6]);

        Cli.Run run = cli.ok("get", first, second, "--json", "--fields", "name,size");

        JsonNode b = run.lines().stream().map(GetCommandTest::read).filter(n -> n.get("gid").asText().equals(second))
                .findFirst().orElseThrow();
        assertThat(run.lines()).hasSize(2);
        assertThat(b.get("name").asText()).isEqualTo("b.txt");
        assertThat(b.get("size").asLong()).isEqualTo(6);
    }

    @Test
    void getOfAMissingAttachmentExitsWithNotFoundAndTheServersMessage() {
        Cli.Run run = cli.run("get", "12345");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("FAILED 12345: attachment: Not a recognized ID: 12345 (HTTP 404)\n");
    }

    @Test
    void getOfAMalformedGidIsAUsageError() {
        Cli.Run run = cli.run("get", "12ab");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'12ab' is not a gid");
    }

    private static JsonNode read(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
