package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aDeniedWriteSaysPermissionDeniedAndNamesTheFile() {
        Failure failure = Failures.explain(new UncheckedIOException(new AccessDeniedException("/ro/report.pdf.part")), null);

        assertThat(failure.message()).isEqualTo("permission denied: /ro/report.pdf.part");
        assertThat(failure.exitCode()).isEqualTo(1);
    }

    @Test
    void aMissingDirectorySaysSoAndNamesIt() {
        Failure failure = Failures.explain(new NoSuchFileException("/nowhere/x"), null);

        assertThat(failure.message()).isEqualTo("no such file or directory: /nowhere/x");
    }

    @Test
    void aFailureWithoutAMessageStillSaysWhatToDo() {
        Failure failure = Failures.explain(new IllegalStateException(), null);

        assertThat(failure.message()).doesNotContain("IllegalStateException").contains("--verbose");
    }
}
