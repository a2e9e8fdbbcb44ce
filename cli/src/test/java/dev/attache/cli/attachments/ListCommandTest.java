package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class ListCommandTest {

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;

    ListCommandTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @Test
    void lsPrintsATableWithNameSizeCreatedAndGid() {
        String task = server.createTask("t").value();
        String gid = calls.upload(task, "plan.txt", "twelve bytes".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = cli.ok("ls", "--parent", task);

        assertThat(run.lines().get(0)).matches("NAME +SIZE +CREATED \\(UTC\\) +GID");
        assertThat(run.lines().get(1)).matches("plan\\.txt +12 B +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +" + gid);
    }

    @Test
    void lsLinesUpColumnsInScreenCellsWhenNamesHoldWideCharacters() {
        String task = server.createTask("t").value();
        calls.upload(task, "報告書-最終版.pdf", new byte[5]);
        calls.upload(task, "plan.txt", new byte[5]);

        Cli.Run run = cli.ok("ls", "--parent", task);

        List<Integer> sizeColumn = run.lines().stream()
                .map(l -> TextWidth.of(l.substring(0, l.indexOf(l.startsWith("NAME") ? "SIZE" : "5 B")))).toList();
        assertThat(sizeColumn).hasSize(3).containsOnly(sizeColumn.get(0));
    }

    @Test
    void lsJsonPrintsOneRecordPerLineWithTheApiFieldNames() throws Exception {
        String task = server.createTask("t").value();
        String first = calls.upload(task, "a.txt", new byte[3]);
        String second = calls.upload(task, "b.txt", new byte[4]);

        List<String> lines = cli.ok("ls", "--parent", task, "--json").lines();

        assertThat(lines).hasSize(2);
        JsonNode a = new ObjectMapper().readTree(lines.get(0));
        assertThat(a.get("gid").asText()).isEqualTo(first);
        assertThat(a.get("size").asLong()).isEqualTo(3);
        assertThat(a.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("gid").asText()).isEqualTo(second);
    }

    @Test
    void lsFollowsEveryPageByDefault() {
        String task = server.createTask("t").value();
        for (int i = 0; i < 101; i++) {
            calls.upload(task, "f" + i + ".txt", new byte[1]);
        }

        List<String> lines = cli.ok("ls", "--parent", task, "--json").lines();

        assertThat(lines).hasSize(101);
    }

    @Test
    void lsLimitShowsAtMostThatMany() {
        String task = server.createTask("t").value();
        for (int i = 0; i < 3; i++) {
            calls.upload(task, "f" + i + ".txt", new byte[1]);
        }

        List<String> lines = cli.ok("ls", "--parent", task, "--json", "--limit", "2").lines();

        assertThat(lines).hasSize(2);
    }

    @Test
    void lsFieldsReturnsOnlyThoseFieldsAndTheGid() throws Exception {
        String task = server.createTask("t").value();
        calls.upload(task, "a.txt", new byte[3]);

        String line = cli.ok("ls", "--parent", task, "--json", "--fields", "size").lines().get(0);

        assertThat(new ObjectMapper().readTree(line).fieldNames()).toIterable().containsExactlyInAnyOrder("gid", "size");
    }

    @Test
    void lsOfAnEmptyTaskSaysSo() {
        String task = server.createTask("t").value();

        assertThat(cli.ok("ls", "--parent", task).out()).isEqualTo("No attachments.\n");
    }

    @Test
    void lsOfAnUnknownParentExitsWithNotFound() {
        Cli.Run run = cli.run("ls", "--parent", "999999999");

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void lsWithAnUnknownFieldIsAUsageError() {
        Cli.Run run = cli.run("ls", "--parent", server.createTask("t").value(), "--fields", "colour");

        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void lsIdsPrintsOnlyTheGidsOldestFirst() {
        String task = server.createTask("t").value();
        String first = calls.upload(task, "a.txt", new byte[3]);
        String second = calls.upload(task, "b.txt", new byte[4]);

        Cli.Run run = cli.ok("ls", "--parent", task, "--ids");

        assertThat(run.lines()).containsExactly(first, second);
    }
}
