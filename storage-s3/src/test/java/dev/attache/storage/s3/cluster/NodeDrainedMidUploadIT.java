package dev.attache.storage.s3.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestPostgres;
import dev.attache.storage.s3.testing.S3Mock;

/**
 * A cluster node sent SIGTERM while a 30 MiB upload streams into it: the upload finishes, answers 200,
 * and its bytes are whole on another node; the drained node then exits 0.
 */
class NodeDrainedMidUploadIT {

    private static final int FILE_BYTES = 30 * 1024 * 1024;
    private static final String BOUNDARY = "drain-boundary";

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    @TempDir
    Path dir;

    @Test
    void anUploadInFlightAtSigtermFinishesAndIsWholeOnAnotherNode() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        String bucket = S3.blobStoreUri("drained-" + UUID.randomUUID());
        byte[] content = new byte[FILE_BYTES];
        new Random(FILE_BYTES).nextBytes(content);
        ClusterNode a = ClusterNode.start(dir.resolve("a"), database, bucket, S3.endpoint(), RateLimits.NONE);
        Process drained = NodeProcesses.start(DrainingNodeProcess.class, dir.resolve("b"), database, bucket, S3.endpoint());
        try (a; Database watcher = Database.postgresql(database); Connection listening = watcher.dataSource().getConnection()) {
            String token = Bootstrap.readDevToken(a.dataDir()).orElseThrow();
            a.as(token);
            String task = a.createTask("drain");
            NodeProcesses.listenForUploadIntents(listening);
            int port = NodeProcesses.awaitPort(drained);

            JsonNode answer;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(120_000);
                OutputStream upload = socket.getOutputStream();
                upload.write(uploadHead(task, token));
                upload.write(content, 0, FILE_BYTES / 4);
                upload.flush();
                NodeProcesses.awaitUploadIntent(listening, "the node recorded an upload intent: the upload is in its hands");

                assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(drained.pid())).start().waitFor()).isZero();

                upload.write(content, FILE_BYTES / 4, FILE_BYTES - FILE_BYTES / 4);
                upload.write(uploadTail());
                upload.flush();
                answer = readAnswer(socket.getInputStream());
            }

            assertThat(answer.get("status").asInt()).as(answer.toString()).isEqualTo(200);
            String gid = answer.get("body").get("data").get("gid").asText();
            String url = a.get("/attachments/" + gid + "?opt_fields=download_url").data().get("download_url").asText();
            Reply bytes = ClusterNode.send(HttpRequest.newBuilder(a.onThisNode(url)).build());
            assertThat(bytes.status()).isEqualTo(200);
            assertThat(Arrays.equals(bytes.body(), content)).as("the bytes, whole, read through another node").isTrue();
            assertThat(drained.waitFor(60, TimeUnit.SECONDS)).as("the drained node exits").isTrue();
            assertThat(drained.exitValue()).isZero();
        } finally {
            drained.destroyForcibly();
        }
    }

    private static byte[] uploadHead(String task, String token) {
        String parts = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + task + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        long length = parts.length() + FILE_BYTES + uploadTail().length;
        return ("POST /api/1.0/attachments HTTP/1.1\r\nHost: attache\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length + "\r\n\r\n" + parts)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] uploadTail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The status and JSON body of one HTTP/1.1 answer with a Content-Length, as {@code {"status":..,"body":..}}. */
    private static JsonNode readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("the connection closed before an answer; got: " + head);
            }
            head.append((char) b);
        }
        String[] lines = head.toString().split("\r\n");
        int length = 0;
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        ObjectMapper json = new ObjectMapper();
        return json.createObjectNode().put("status", Integer.parseInt(lines[0].split(" ")[1]))
                .set("body", json.readTree(in.readNBytes(length)));
    }
}
