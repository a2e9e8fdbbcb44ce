package dev.attache.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;

class BatchingConsoleAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private Logger loggerWritingThrough(int queueSize) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%thread %msg%n");
        encoder.start();
        BatchingConsoleAppender appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setName("test");
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.setOutputStream(written);
        appender.start();
        Logger logger = context.getLogger("access");
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return logger;
    }

    private List<String> lines() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void everyLineLoggedFromManyThreadsIsWrittenWholeAndInEachThreadsOrderOnceStopped() throws InterruptedException {
        Logger logger = loggerWritingThrough(64);
        List<Thread> threads = IntStream.range(0, 4).mapToObj(t -> new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                logger.info("line {}", i);
            }
        }, "t" + t)).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        context.stop();

        List<String> lines = lines();
        assertThat(lines).hasSize(4000);
        for (int t = 0; t < 4; t++) {
            String thread = "t" + t + " ";
            assertThat(lines.stream().filter(l -> l.startsWith(thread)).map(l -> l.substring(thread.length())))
                    .containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> "line " + i).toList());
        }
    }

    @Test
    void aLineLoggedJustBeforeStoppingIsWritten() {
        Logger logger = loggerWritingThrough(8192);

        logger.info("last words");
        context.stop();

        assertThat(lines()).singleElement().asString().endsWith("last words");
    }
}
