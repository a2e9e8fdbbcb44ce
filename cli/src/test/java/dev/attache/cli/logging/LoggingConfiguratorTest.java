package dev.attache.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;

class LoggingConfiguratorTest {

    @Test
    void logbackFindsTheConfiguratorAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LoggingConfigurator.class);
    }

    @Test
    void accessLinesGoThroughTheQueueOnlyNotAlsoThroughTheRoot() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator.configureDefaults(context);

        Logger access = context.getLogger(LoggingConfigurator.ACCESS_LOGGER);
        assertThat(access.isAdditive()).isFalse();
        assertThat(access.getAppender("ACCESS")).isInstanceOf(BatchingConsoleAppender.class);
        assertThat(access.getAppender("ACCESS").isStarted()).isTrue();
        assertThat(access.getAppender("STDERR")).isNull();
    }

    @Test
    void everythingElseGoesToStderrAtInfoWithTheTimestampedPattern() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator.configureDefaults(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(LoggingConfigurator.PATTERN);
    }

    @Test
    void librariesSayOnlyWarningsAndWorse() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator.configureDefaults(context);

        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.attache.server.App").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aLogbackTestFileOnTheClassPathWins() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator configurator = new LoggingConfigurator();
        configurator.setContext(context);

        // this module's tests have src/test/resources/logback-test.xml
        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }
}
