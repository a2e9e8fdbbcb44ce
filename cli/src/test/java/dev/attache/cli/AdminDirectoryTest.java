package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

class AdminDirectoryTest {

    @TempDir
    Path dir;
    AdminCli cli;

    @BeforeEach
    void open() {
        cli = new AdminCli(dir);
    }

    /** JSON Lines: one object per line, each parsed on its own. */
    private static ArrayNode json(String text) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode objects = mapper.createArrayNode();
        for (String line : text.lines().toList()) {
            objects.add(mapper.readTree(line));
        }
        return objects;
    }

    @Test
    void workspaceCreatePrintsOnlyTheNewGid() {
        AdminCli.Run run = cli.run("workspace", "create", "Design");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("\\d+\\R");
    }

    @Test
    void workspaceListShowsCreatedWorkspacesAsATable() {
        String gid = cli.ok("workspace", "create", "Design");

        AdminCli.Run run = cli.run("workspace", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).first().asString().matches("GID\\s+NAME");
        assertThat(run.out().lines()).anyMatch(line -> line.matches(gid + "\\s+Design"));
    }

    @Test
    void workspaceListJsonIsOneObjectPerLineWithGidAndName() throws Exception {
        String gid = cli.ok("workspace", "create", "Design");
        cli.ok("workspace", "create", "Ops");

        JsonNode list = json(cli.ok("workspace", "list", "--json"));

        assertThat(list).hasSize(2);
        assertThat(list.get(0).isObject()).isTrue();
        assertThat(list.get(0).get("gid").asText()).isEqualTo(gid);
        assertThat(list.get(0).get("name").asText()).isEqualTo("Design");
    }

    @Test
    void userCreatedWithAWorkspaceIsListedAsItsMember() throws Exception {
        String workspace = cli.ok("workspace", "create", "Design");
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", workspace);

        JsonNode members = json(cli.ok("member", "list", "--json"));

        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("workspace").asText()).isEqualTo(workspace);
        assertThat(members.get(0).get("user").asText()).isEqualTo(user);
        assertThat(members.get(0).get("email").asText()).isEqualTo("ada@example.com");
    }

    @Test
    void userListShowsNameAndEmail() {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        String table = cli.ok("user", "list");

        assertThat(table.lines()).anyMatch(line -> line.matches(user + "\\s+Ada\\s+ada@example\\.com"));
    }

    @Test
    void memberAddPutsAnExistingUserInAWorkspace() throws Exception {
        String workspace = cli.ok("workspace", "create", "Design");
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        AdminCli.Run run = cli.run("member", "add", "--workspace", workspace, "--user", user);

        assertThat(run.exitCode()).isZero();
        assertThat(json(cli.ok("member", "list", "--json")).get(0).get("user").asText()).isEqualTo(user);
    }

    @Test
    void memberAddOfAnUnknownUserExitsWithNotFoundAndOneLine() {
        String workspace = cli.ok("workspace", "create", "Design");

        AdminCli.Run run = cli.run("member", "add", "--workspace", workspace, "--user", "42");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("attache: user 42 does not exist" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void userCreateInAnUnknownWorkspaceCreatesNoUser() {
        AdminCli.Run run = cli.run("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", "42");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(cli.ok("user", "list").lines()).hasSize(1);
    }

    @Test
    void userCreateWithATakenEmailFailsWithExitCodeOne() {
        cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        AdminCli.Run run = cli.run("user", "create", "--name", "Other Ada", "--email", "ada@example.com");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ada@example.com exists already");
    }

    @Test
    void tokenCreatePrintsOnlyAPersonalAccessTokenOnStdout() {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        AdminCli.Run run = cli.run("token", "create", "--user", user);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("2/" + user + "/\\d+:[0-9a-f]{32}\\R");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void tokenListNeverShowsTheSecret() {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");
        String token = cli.ok("token", "create", "--user", user, "--name", "laptop");
        String secret = token.substring(token.indexOf(':') + 1);

        String table = cli.ok("token", "list");
        String json = cli.ok("token", "list", "--json");

        assertThat(table).contains("laptop").doesNotContain(secret);
        assertThat(json).contains("laptop").doesNotContain(secret);
    }

    @Test
    void tokenListJsonShowsKindScopesAndRevocation() throws Exception {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");
        cli.ok("token", "create", "--user", user, "--oauth", "--scope", "attachments:read", "--name", "reader");

        JsonNode token = json(cli.ok("token", "list", "--json")).get(0);

        assertThat(token.get("user").asText()).isEqualTo(user);
        assertThat(token.get("kind").asText()).isEqualTo("oauth");
        assertThat(token.get("scopes").get(0).asText()).isEqualTo("attachments:read");
        assertThat(token.get("scopes")).hasSize(1);
        assertThat(token.get("name").asText()).isEqualTo("reader");
        assertThat(token.get("created").asText()).isNotEmpty();
        assertThat(token.get("revoked").isNull()).isTrue();
    }

    @Test
    void tokenRevokeMarksTheTokenRevokedInTheList() throws Exception {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");
        String token = cli.ok("token", "create", "--user", user);
        String gid = token.substring(token.indexOf('/', 2) + 1, token.indexOf(':'));

        AdminCli.Run run = cli.run("token", "revoke", gid);

        assertThat(run.exitCode()).isZero();
        assertThat(json(cli.ok("token", "list", "--json")).get(0).get("revoked").isNull()).isFalse();
    }

    @Test
    void listIdsPrintsOnlyTheGidsOnePerLine() {
        String design = cli.ok("workspace", "create", "Design");
        String ops = cli.ok("workspace", "create", "Ops");

        AdminCli.Run run = cli.run("workspace", "list", "--ids");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(design, ops);
    }

    @Test
    void listWithJsonAndIdsTogetherIsAUsageError() {
        assertThat(cli.run("user", "list", "--json", "--ids").exitCode()).isEqualTo(2);
    }

    @Test
    void tokenCreateJsonPrintsTheTokenWithItsGidAndUser() throws Exception {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        JsonNode created = json(cli.ok("token", "create", "--user", user, "--json")).get(0);

        String token = created.get("token").asText();
        assertThat(token).matches("2/" + user + "/" + created.get("gid").asText() + ":[0-9a-f]{32}");
        assertThat(created.get("user").asText()).isEqualTo(user);
        assertThat(json(cli.ok("token", "list", "--json")).get(0).get("gid").asText()).isEqualTo(created.get("gid").asText());
    }

    @Test
    void tokenRevokeAcceptsTheTokenItself() throws Exception {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");
        String token = cli.ok("token", "create", "--user", user);

        AdminCli.Run run = cli.run("token", "revoke", token);

        assertThat(run.exitCode()).isZero();
        assertThat(json(cli.ok("token", "list", "--json")).get(0).get("revoked").isNull()).isFalse();
    }

    @Test
    void tokenRevokeRefusesATokenNamingAnotherUser() throws Exception {
        String ada = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");
        cli.ok("user", "create", "--name", "Bob", "--email", "bob@example.com");
        String token = cli.ok("token", "create", "--user", ada);
        String forged = token.replaceFirst("^2/\\d+/", "2/1/");

        AdminCli.Run run = cli.run("token", "revoke", forged);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(json(cli.ok("token", "list", "--json")).get(0).get("revoked").isNull()).isTrue();
    }

    @Test
    void tokenRevokeOfAnUnknownGidExitsWithNotFound() {
        assertThat(cli.run("token", "revoke", "42").exitCode()).isEqualTo(3);
    }

    @Test
    void oauthTokenWithoutAScopeIsAUsageError() {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        AdminCli.Run run = cli.run("token", "create", "--user", user, "--oauth");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--oauth needs at least one --scope");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownScopeIsAUsageError() {
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com");

        AdminCli.Run run = cli.run("token", "create", "--user", user, "--oauth", "--scope", "attachments:everything");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown scope 'attachments:everything'");
    }

    @Test
    void taskCreateNeedsAMemberOrAnExplicitCreator() {
        String workspace = cli.ok("workspace", "create", "Empty");

        AdminCli.Run run = cli.run("task", "create", "--workspace", workspace, "--name", "Plan");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("has no members");
    }

    @Test
    void taskCreatePrintsTheNewTaskGid() {
        String workspace = cli.ok("workspace", "create", "Design");
        cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", workspace);

        AdminCli.Run run = cli.run("task", "create", "--workspace", workspace, "--name", "Plan");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("\\d+\\R");
    }

    @Test
    void briefCreateInAProjectPrintsTheNewBriefGid() {
        String workspace = cli.ok("workspace", "create", "Design");
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", workspace);
        String project = cli.ok("project", "create", "--workspace", workspace, "--name", "Website", "--created-by", user);

        AdminCli.Run run = cli.run("brief", "create", "--project", project, "--title", "Goals", "--text", "Ship in May");

        assertThat(run.exitCode()).isZero();
        assertThat(run.value()).matches("\\d+").isNotEqualTo(project);
    }

    @Test
    void briefCreateInATaskIsNotFound() {
        String workspace = cli.ok("workspace", "create", "Design");
        cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", workspace);
        String task = cli.ok("task", "create", "--workspace", workspace, "--name", "Plan");

        AdminCli.Run run = cli.run("brief", "create", "--project", task, "--title", "Goals");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("project " + task + " does not exist");
    }

    @Test
    void aMissingDataDirectoryIsNotFound() {
        AdminCli.Run run = new AdminCli(dir.resolve("absent")).run("workspace", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("attache: no data directory at ");
    }

    @Test
    void helpOfEveryAdminCommandListsExitCodesAndAnExample() {
        for (String[] command : new String[][] {{"workspace", "create"}, {"token", "create"}, {"gc"}, {"scrub"}}) {
            java.io.StringWriter out = new java.io.StringWriter();
            String[] args = new String[command.length + 2];
            args[0] = "admin";
            System.arraycopy(command, 0, args, 1, command.length);
            args[args.length - 1] = "--help";
            int exit = Main.commandLine().setOut(new java.io.PrintWriter(out, true)).execute(args);

            assertThat(exit).isZero();
            assertThat(out.toString()).contains("Exit codes:", "Example", "ATTACHE_DATA_DIR");
        }
    }
}
