package dev.attache.storage.s3.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.attache.server.db.PostgresUrl;

/**
 * A cluster node in a process of its own, for tests that stop one mid-upload (with kill -9 or SIGTERM), and
 * the moment it takes an upload into its hands: when it records the upload's intent.
 */
final class NodeProcesses {

    private NodeProcesses() {
    }

    /** Starts {@code main} (a node's main class) in a JVM of its own on this test's class path. */
    static Process start(Class<?> main, Path dataDir, PostgresUrl database, String bucket, URI s3Endpoint) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String url = database.jdbcUrl() + "?user=" + database.user();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                main.getName(), dataDir.toString(), url, bucket, s3Endpoint.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads up to the port line, then keeps reading on a thread of its own so the node never blocks on a full pipe. */
    static int awaitPort(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "node-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the node process ended before it listened");
    }

    /** A test-only trigger tells this connection the moment a node records an upload intent. */
    static void listenForUploadIntents(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION notify_intent() RETURNS trigger AS $$ BEGIN PERFORM pg_notify('intents', NEW.blob_key); "
                    + "RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER intent_recorded AFTER INSERT ON upload_intents FOR EACH ROW EXECUTE FUNCTION notify_intent()");
            s.execute("LISTEN intents");
        }
    }

    /** Waits up to a minute for a node to record an upload intent. */
    static void awaitUploadIntent(Connection c, String meaning) throws Exception {
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(60_000);
        assertThat(notes).as(meaning).isNotEmpty();
    }
}
