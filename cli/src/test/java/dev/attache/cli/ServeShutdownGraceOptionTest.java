package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.attache.server.ServerConfig;
import picocli.CommandLine;

/** {@code --shutdown-grace}; its environment variable is proven by {@link ServeDrainTest}, which starts a process with it. */
class ServeShutdownGraceOptionTest {

    private static ServerConfig config(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config(null);
    }

    @Test
    void theGraceIsKubernetesDefaultOfThirtySecondsUnlessGiven() {
        assertThat(config().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theGraceTakesTheDurationsOtherOptionsTake() {
        assertThat(config("--shutdown-grace", "2m").shutdownGrace()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aGraceOfZeroStopsAtOnce() {
        assertThat(config("--shutdown-grace", "0s").shutdownGrace()).isZero();
    }
}
