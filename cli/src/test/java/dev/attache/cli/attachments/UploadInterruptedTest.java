package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.cli.Main;

/**
 * A real {@code attache upload} process, stopped by a signal while its uploads are in flight: it
 * says how far the batch got and how to finish it. The server stand-in answers the parent check and
 * then takes the uploads' first bytes without ever answering, so the batch is mid-way for certain.
 */
class UploadInterruptedTest {

    private static final int FILES = 20;
    /** More than a multipart head and one read of the client's body stream, less than a file. */
    private static final long FILE_BYTES_SEEN = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aStoppedUploadSaysWhatFinishedWhatWasInterruptedAndHowToResume() throws Exception {
        List<String> command = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch uploadStarted = new CountDownLatch(1);
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread stand = new Thread(() -> serve(server, uploadStarted, held));
            stand.setDaemon(true);
            stand.start();
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "upload",
                    "--host", "127.0.0.1:" + server.getLocalPort(), "--token", "t", "--parent", "1"));
            for (int i = 0; i < FILES; i++) {
                Path file = dir.resolve("f" + i + ".bin");
                Files.write(file, new byte[256 * 1024]);
                command.add(file.toString());
            }
            Path errFile = dir.resolve("stderr.txt");
            Process upload = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errFile.toFile()).start();
            try {
                assertThat(uploadStarted.await(30, TimeUnit.SECONDS)).as("an upload reached the server").isTrue();

                upload.destroy();

                assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String err = Files.readString(errFile, StandardCharsets.UTF_8);
                Matcher summary = Pattern.compile("attache: interrupted: 0 uploaded, (\\d+) interrupted, (\\d+) not started\\.")
                        .matcher(err);
                assertThat(summary.find()).as(err).isTrue();
                assertThat(Integer.parseInt(summary.group(1))).isPositive();
                assertThat(Integer.parseInt(summary.group(1)) + Integer.parseInt(summary.group(2))).isEqualTo(FILES);
                assertThat(err).contains("attache: run the same command again with --skip-existing to upload the rest.");
            } finally {
                upload.destroyForcibly();
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    /** Answers GETs with an empty page; holds every POST open, reading nothing after the first of its file's bytes. */
    private static void serve(ServerSocket server, CountDownLatch uploadStarted, List<Socket> held) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                held.add(socket);
                Thread connection = new Thread(() -> answer(socket, uploadStarted));
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(Socket socket, CountDownLatch uploadStarted) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    // The head is all this stand-in needs.
                }
                if (requestLine.startsWith("POST")) {
                    // The head alone can arrive before the file's first read: the client sends the
                    // multipart head as a chunk of its own, and a file counts as in flight once its
                    // own bytes move. Past this many bytes of body, some came from the file.
                    if (in.skip(FILE_BYTES_SEEN) == FILE_BYTES_SEEN) {
                        uploadStarted.countDown();
                    }
                    return;
                }
                byte[] body = "{\"data\":[],\"next_page\":null}".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // The process was stopped; its connections close.
        }
    }
}
