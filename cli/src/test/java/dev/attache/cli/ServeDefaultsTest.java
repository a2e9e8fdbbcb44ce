package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.attache.server.ServerConfig;
import picocli.CommandLine;

/** {@code attache serve}'s defaults come from {@link ServerConfig}'s builder, and its environment variables override them. */
class ServeDefaultsTest {

    private static ServeCommand parsed(Map<String, String> environment, String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setDefaultValueProvider(new ServeDefaults(environment::get)).parseArgs(args);
        return serve;
    }

    @Test
    void serveWithNoFlagsYieldsTheBuildersDefaults() {
        ServeCommand serve = parsed(Map.of());
        assertThat(serve.config(null)).isEqualTo(ServerConfig.builder(serve.storage.dataDir).build());
    }

    @Test
    void anOptionsEnvironmentVariableWinsOverTheDefault() {
        ServeCommand serve = parsed(Map.of("ATTACHE_IDLE_TIMEOUT", "45s", "ATTACHE_CONCURRENT_READS", "7"));
        ServerConfig config = serve.config(null);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.rateLimits().concurrentReads()).isEqualTo(7);
    }

    @Test
    void aFlagWinsOverItsEnvironmentVariable() {
        ServeCommand serve = parsed(Map.of("ATTACHE_PORT", "9000"), "--port", "9100");
        assertThat(serve.config(null).port()).isEqualTo(9100);
    }

    @Test
    void helpShowsTheBuildersDefaultsWrittenAsTheOptionsTakeThem() {
        StringWriter help = new StringWriter();
        CommandLine cli = new CommandLine(new ServeCommand()).setDefaultValueProvider(new ServeDefaults(name -> null));
        cli.usage(new PrintWriter(help));
        String text = help.toString().replaceAll("\\s+", " ");
        assertThat(text).contains("env ATTACHE_DOWNLOAD_URL_TTL, default 30m", "env ATTACHE_OAUTH_TOKEN_TTL, default 1h",
                "env ATTACHE_IDLE_TIMEOUT, default 30s", "env ATTACHE_REQUESTS_PER_MINUTE, default 1500",
                "env ATTACHE_BIND, default 127.0.0.1");
    }
}
