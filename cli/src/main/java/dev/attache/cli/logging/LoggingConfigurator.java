package dev.attache.cli.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * The attache command's logging, set up in code (logback finds this class as a service before it looks
 * for files). Reading the same set-up from a {@code logback.xml} loaded logback's XML configurator and an
 * XML parser, some 630 classes and about 130 ms of CPU in every server start (docs/benchmarks-history.md, start-up).
 *
 * <p>A configuration file still wins when one is given: with {@code -Dlogback.configurationFile=FILE} or a
 * {@code logback-test.xml} on the class path this configurator steps aside and logback reads the file.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXX} %-5level %logger{0} - %msg%n%ex";
    static final String ACCESS_LOGGER = "dev.attache.access";
    private static final String[] QUIET_LIBRARIES = {"org.eclipse.jetty", "io.javalin", "org.flywaydb", "com.zaxxer.hikari",
            "software.amazon.awssdk"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configurationFileGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureDefaults(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean configurationFileGiven() {
        return System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || System.getProperty(ClassicConstants.MODEL_CONFIG_FILE_PROPERTY) != null
                || LoggingConfigurator.class.getClassLoader().getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null;
    }

    /**
     * Everything at INFO to stderr; the access log written in batches by a background thread (at most
     * 5 ms late), so requests never wait on the terminal nor wake a writer per line.
     */
    static void configureDefaults(LoggerContext context) {
        // Logback's own status lines stay quiet, as they did with the XML file's NopStatusListener.
        context.getStatusManager().add(new NopStatusListener());

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context));
        stderr.start();

        BatchingConsoleAppender access = new BatchingConsoleAppender();
        access.setContext(context);
        access.setName("ACCESS");
        access.setQueueSize(8192);
        access.setFlushMillis(5);
        access.setEncoder(encoder(context));
        access.start();

        Logger accessLogger = context.getLogger(ACCESS_LOGGER);
        accessLogger.setLevel(Level.INFO);
        accessLogger.setAdditive(false);
        accessLogger.addAppender(access);
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}
