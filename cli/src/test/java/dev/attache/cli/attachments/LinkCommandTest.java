package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class LinkCommandTest {

    private final AttacheServer server;
    private final Cli cli;

    LinkCommandTest(AttacheServer server) {
        this.server = server;
        this.cli = new Cli(server);
    }

    @Test
    void aUrlWithoutSchemeIsAUsageErrorNamingTheFlag() {
        Cli.Run run = cli.run("link", "--parent", server.createTask("t").value(), "--url", "notaurl", "--name", "spec");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'--url'").contains("'notaurl' is not an absolute http or https URL");
    }

    @Test
    void aUrlThatDoesNotParseIsAUsageErrorWithoutJavaNames() {
        Cli.Run run = cli.run("link", "--parent", server.createTask("t").value(), "--url", "http://exa mple", "--name", "spec");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'--url'").contains("is not a URL").doesNotContain("java.");
    }
}
