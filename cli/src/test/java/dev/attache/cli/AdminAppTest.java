package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.server.admin.AdminStorage;

class AdminAppTest {

    @TempDir
    Path dir;
    AdminCli cli;

    @BeforeEach
    void open() {
        cli = new AdminCli(dir);
    }

    @Test
    void createPrintsClientIdAndSecretOnOneLine() {
        AdminCli.Run run = cli.run("app", "create", "--name", "Timesheets", "--redirect-uri", "http://localhost:5000/callback");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("\\d+ [0-9a-f]{32}\\R");
    }

    @Test
    void createdSecretAuthenticatesTheApp() throws Exception {
        String[] created = cli.ok("app", "create", "--name", "Timesheets", "--redirect-uri", "https://t.example/cb").split(" ");

        try (AdminStorage storage = AdminStorage.open(dir)) {
            assertThat(storage.apps().authenticate(created[0], created[1])).isPresent();
            assertThat(storage.apps().authenticate(created[0], "0".repeat(32))).isEmpty();
        }
    }

    @Test
    void listShowsAppsWithTheirScopesAndNoSecret() throws Exception {
        String[] created = cli.ok("app", "create", "--name", "Viewer", "--redirect-uri", "https://v.example/cb",
                "--scope", "attachments:read").split(" ");

        String out = cli.ok("app", "list", "--json");
        assertThat(out.strip().lines()).hasSize(1);
        JsonNode app = new ObjectMapper().readTree(out);

        assertThat(app.get("client_id").asText()).isEqualTo(created[0]);
        assertThat(app.get("name").asText()).isEqualTo("Viewer");
        assertThat(app.get("redirect_uris").get(0).asText()).isEqualTo("https://v.example/cb");
        assertThat(app.get("scopes")).hasSize(1);
        assertThat(out).doesNotContain(created[1]);
    }

    @Test
    void redirectUriThatIsNotAbsoluteHttpIsAUsageError() {
        AdminCli.Run run = cli.run("app", "create", "--name", "Bad", "--redirect-uri", "/callback");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("redirect URI must be an absolute http or https URI");
        assertThat(cli.ok("app", "list", "--json")).isEmpty();
    }

    @Test
    void unknownScopeIsAUsageError() {
        AdminCli.Run run = cli.run("app", "create", "--name", "Bad", "--redirect-uri", "https://b.example/cb", "--scope", "tasks:read");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown scope 'tasks:read'");
    }

    @Test
    void deleteRemovesTheAppSoItsSecretNoLongerWorks() throws Exception {
        String[] created = cli.ok("app", "create", "--name", "Gone", "--redirect-uri", "https://g.example/cb").split(" ");

        assertThat(cli.run("app", "delete", created[0]).exitCode()).isZero();

        try (AdminStorage storage = AdminStorage.open(dir)) {
            assertThat(storage.apps().authenticate(created[0], created[1])).isEmpty();
        }
    }

    @Test
    void deletingAnUnknownAppIsNotFound() {
        assertThat(cli.run("app", "delete", "42").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
