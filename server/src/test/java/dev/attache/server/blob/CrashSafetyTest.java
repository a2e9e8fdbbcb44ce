package dev.attache.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.PartialUpload;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.ServerProcess;
import dev.attache.server.testing.TestServer;

/** A failure or a crash at any point leaves no half attachment and, after the next start, no stray bytes. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void blobWriteFailingMidwayAnswers500AndLeavesNothing() throws IOException {
        try (TestServer server = TestServer.start(dir, new FailingBlobStore(FileBlobStore.open(dir.resolve("blobs")), 100_000))) {
            String task = server.createTask("disk full");

            Reply r = server.uploadFile(task, "big.bin", new byte[300_000]);

            assertThat(r.status()).isEqualTo(500);
            assertThat(r.json().get("errors").get(0).get("phrase").asText()).matches("\\d{1,2} \\w+ \\w+ \\w+ \\w+");
            assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    @Test
    void serverKilledMidUploadLeavesNoAttachmentAndNoFilesAfterRestart() throws Exception {
        Files.createDirectories(dir);
        String task;
        String token;
        Process process = startServerProcess();
        try {
            int port = awaitPort(process);
            token = Files.readString(dir.resolve("dev-token")).trim();
            task = createTask(port, token);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                PartialUpload.start(socket, task, token, 10_000_000L, 1_000_000);
                awaitPartialWrite();
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(BlobFiles.all(dir)).as("the crash left a partial upload behind").isNotEmpty();

        try (TestServer restarted = TestServer.start(dir)) {
            assertThat(restarted.get("/attachments?parent=" + task).data()).isEmpty();
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    @Test
    void bytesThatNoRowReferencesAreSweptAtStart() throws IOException {
        FileBlobStore store = FileBlobStore.open(dir.resolve("blobs"));
        try (BlobWriter orphan = store.create()) {
            orphan.write(ByteBuffer.wrap("committed, but its row never was".getBytes(StandardCharsets.UTF_8)));
            orphan.commit();
        }
        assertThat(BlobFiles.all(dir)).hasSize(1);

        try (TestServer server = TestServer.start(dir)) {
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    @Test
    void referencedBytesSurviveARestart() throws IOException {
        String gid;
        try (TestServer server = TestServer.start(dir)) {
            gid = server.uploadFile(server.createTask("keep"), "k.txt", "kept".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();
        }

        try (TestServer server = TestServer.start(dir)) {
            Reply r = server.get("/attachments/" + gid);
            Reply bytes = server.send(HttpRequest.newBuilder(URI.create(r.data().get("download_url").asText())).build());

            assertThat(bytes.text()).isEqualTo("kept");
        }
    }

    private Process startServerProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ServerProcess.class.getName(), dir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static int awaitPort(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("server process ended before it listened");
    }

    private static String createTask(int port, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String me = request(socket, "GET /api/1.0/workspaces?opt_fields=gid HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n");
            String workspace = me.replaceAll("(?s).*\"gid\":\"(\\d+)\".*", "$1");
            try (Socket second = new Socket("127.0.0.1", port)) {
                second.setSoTimeout(10_000);
                String body = "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"crash\"}}";
                String created = request(second, "POST /api/1.0/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
                return created.replaceAll("(?s).*?\"gid\":\"(\\d+)\".*", "$1");
            }
        }
    }

    private static String request(Socket socket, String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }


    /**
     * Waits, within a bound, until the server has written part of the upload to its temporary file. The
     * store creates {@code tmp/} when it opens, before the child prints its port, so the watch sees every
     * write that follows; the thread sleeps in the watch service between file-system events.
     */
    private void awaitPartialWrite() throws IOException, InterruptedException {
        Path tmp = dir.resolve("blobs").resolve("tmp");
        try (WatchService watcher = tmp.getFileSystem().newWatchService()) {
            tmp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!somePartHasBytes(tmp)) {
                WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("the server never started writing the upload");
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    private static boolean somePartHasBytes(Path tmp) throws IOException {
        try (Stream<Path> parts = Files.list(tmp)) {
            return parts.anyMatch(p -> {
                try {
                    return Files.size(p) > 0;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
