package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WireLoggingTest {

    private final Fixture f = new Fixture();
    private final Logger jul = Logger.getLogger("dev.attache.client.wire");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jul.setLevel(Level.ALL);
        jul.addHandler(handler);
    }

    @AfterEach
    void stop() throws Exception {
        jul.removeHandler(handler);
        jul.setLevel(null);
        f.close();
    }

    @Test
    void wireLogShowsRequestsWithTheAuthorizationRedacted() {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));

        f.builder().wireLogging(true).build().getAttachment(AttachmentGid.of("7")).join();

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("--> GET ").contains("Authorization: <redacted>"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("<-- 200 GET "));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(Fixture.TOKEN));
    }

    @Test
    void wireLogIsSilentUnlessEnabled() {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));

        f.api().getAttachment(AttachmentGid.of("7")).join();

        assertThat(lines).isEmpty();
    }
}
