package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.storage.s3.S3Settings;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code --s3-write-timeout} and {@code --s3-read-timeout}: they reach the S3 store's settings, and a bad one is a usage error that names it. */
class S3TimeoutOptionsTest {

    private static final URI BUCKET = URI.create("s3://attachments");

    @TempDir
    Path dir;

    private static S3Settings settings(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.storage.s3Settings(BUCKET);
    }

    @Test
    void withoutTheOptionsTheBoundsAreTheStoresOwnDefaults() {
        S3Settings s = settings();

        assertThat(s.writeCallTimeout()).isEqualTo(S3Settings.DEFAULT_WRITE_CALL_TIMEOUT);
        assertThat(s.readCallTimeout()).isEqualTo(S3Settings.DEFAULT_READ_CALL_TIMEOUT);
    }

    @Test
    void givenBoundsReachTheStoresSettings() {
        S3Settings s = settings("--s3-write-timeout", "45s", "--s3-read-timeout", "2m");

        assertThat(s.writeCallTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.readCallTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aZeroReadBoundIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> settings("--s3-read-timeout", "0s"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--s3-read-timeout").hasMessageContaining("'0s' is not between 1s and 24h");
    }

    @Test
    void aWriteBoundThatIsNotADurationIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> settings("--s3-write-timeout", "soon"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--s3-write-timeout").hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void aBoundLongerThanADayIsRefused() {
        assertThatThrownBy(() -> settings("--s3-write-timeout", "25h")).isInstanceOf(ParameterException.class);
    }

    @Test
    void aBadBoundGivenToAnAdminCommandIsAUsageError() {
        AdminCli.Run run = new AdminCli(dir).run("workspace", "list", "--s3-read-timeout", "0s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--s3-read-timeout").contains("'0s' is not between 1s and 24h");
    }

    /** The environment variable is read like the option, and refused the same way; a process of its own, since only one has its own environment. */
    @Test
    void aBadBoundFromTheEnvironmentIsAUsageErrorThatNamesTheOption() throws Exception {
        try (ServeProcess serve = ServeProcess.start(dir, Map.of("ATTACHE_S3_WRITE_TIMEOUT", "0s"))) {
            assertThat(serve.awaitExit()).as(serve.output()).isEqualTo(ExitCodes.USAGE);
            assertThat(serve.output()).contains("--s3-write-timeout").contains("'0s' is not between 1s and 24h");
        }
    }
}
