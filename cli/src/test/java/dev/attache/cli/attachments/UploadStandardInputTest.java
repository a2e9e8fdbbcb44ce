package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.CallInfo;
import dev.attache.client.CallListener;
import dev.attache.client.ProgressListener;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class UploadStandardInputTest {

    private final AttacheServer server;
    private final ServerCalls calls;
    private String task;

    UploadStandardInputTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
    }

    @BeforeEach
    void start() {
        task = server.createTask("t").value();
    }

    @Test
    void uploadDashStoresStandardInputUnderTheNameGiven() throws Exception {
        byte[] content = ServerCalls.randomBytes(300_000);

        Cli.Run run = new Cli(server).withStandardInput(new ByteArrayInputStream(content))
                .ok("upload", "--parent", task, "--name", "backup.bin", "--json", "-");

        String gid = new ObjectMapper().readTree(run.out()).get("gid").asText();
        assertThat(calls.names(task)).containsExactly("backup.bin");
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        server.client().download(new AttachmentGid(gid), stored, ProgressListener.none()).join();
        assertThat(stored.toByteArray()).isEqualTo(content);
        assertThat(new ObjectMapper().readTree(run.out()).get("file").asText()).isEqualTo("-");
    }

    @Test
    void uploadDashWithoutNameIsAUsageErrorThatNamesTheFlag() {
        long postsBefore = calls.requests("POST");

        Cli.Run run = new Cli(server).withStandardInput(new ByteArrayInputStream(new byte[10]))
                .run("upload", "--parent", task, "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--name");
        assertThat(calls.requests("POST")).isEqualTo(postsBefore);
    }

    @Test
    void standardInputIsSentWhileItIsReadNotReadFirst() {
        AtomicBoolean uploadStarted = new AtomicBoolean();
        AtomicReference<Boolean> startedBeforeTheLastByte = new AtomicReference<>();
        InputStream input = new InputStream() {
            private int left = 4 * 1024 * 1024;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    startedBeforeTheLastByte.compareAndSet(null, uploadStarted.get());
                    return -1;
                }
                int n = Math.min(len, Math.min(left, 64 * 1024));
                left -= n;
                return n;
            }
        };
        Connector watching = new Connector() {
            @Override
            public AttachmentsApi open(Connection connection) {
                return open(connection, CallListener.none());
            }

            @Override
            public AttachmentsApi open(Connection connection, CallListener listener) {
                return Connector.http().open(connection, new CallListener() {
                    @Override
                    public void callStart(CallInfo call) {
                        if (call.method().equals("POST")) {
                            uploadStarted.set(true);
                        }
                        listener.callStart(call);
                    }

                    @Override
                    public void retry(CallInfo call, int nextAttempt, Duration delay) {
                        listener.retry(call, nextAttempt, delay);
                    }
                });
            }
        };

        new Cli(server).connectingWith(watching).withStandardInput(input)
                .ok("upload", "--parent", task, "--name", "stream.bin", "-");

        assertThat(startedBeforeTheLastByte.get()).isTrue();
        assertThat(calls.names(task)).containsExactly("stream.bin");
    }
}
