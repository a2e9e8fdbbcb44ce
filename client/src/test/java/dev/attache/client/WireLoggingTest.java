package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void loggingPropertiesFromTheReadmeShowTheWireLogOnTheConsole(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("a ```properties block in client/README.md").isTrue();
        Path config = Files.writeString(dir.resolve("logging.properties"), block.group(1));
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));

        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=" + config,
                "-cp", System.getProperty("java.class.path"), WireLogMain.class.getName(),
                f.server.apiBase().toString(), Fixture.TOKEN))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("got a").contains("--> GET ").contains("Authorization: <redacted>")
                .contains("<-- 200 GET ").doesNotContain(Fixture.TOKEN);
    }
}
