package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class GetCommandTest {

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;

    GetCommandTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @Test
    void getPrintsTheDefaultFieldsOneToALine() {
        String task = server.createTask("t").value();
        String gid = calls.upload(task, "plan.txt", new byte[5]);

        Cli.Run run = cli.ok("get", gid);

        assertThat(run.lines()).contains("gid: " + gid, "name: plan.txt", "resource_subtype: asana", "parent.gid: " + task);
    }

    @Test
    void getJsonPrintsOneObjectPerGidOnItsOwnLine() throws Exception {
        String task = server.createTask("t").value();
        String first = calls.upload(task, "a.txt", new byte[5]);
        String second = calls.upload(task, "b.txt", new byte[6]);

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
