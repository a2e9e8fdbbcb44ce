package dev.attache.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.ForwardingBlobStore;
import dev.attache.server.blob.IntentRecordingBlobStore;
import dev.attache.server.blob.UploadIntents;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.db.Settings;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.TestPostgres;
import dev.attache.server.testing.TestServer;

/** Moving an embedded data directory into a PostgreSQL cluster's storage. */
class DataMigrationIT {

    @TempDir
    Path dir;
    Path source;
    String token;
    List<String> uploads = new ArrayList<>();
    String link;
    String brief;

    @BeforeEach
    void fillAnEmbeddedDataDirectory() {
        source = dir.resolve("embedded");
        try (TestServer server = TestServer.start(source)) {
            token = server.token();
            String task = server.createTask("T");
            String project = server.createProject("P");
            brief = server.createBrief(project, "B");
            for (String parent : List.of(task, project, brief)) {
                uploads.add(server.uploadFile(parent, parent + ".txt", ("bytes of " + parent).getBytes(StandardCharsets.UTF_8))
                        .data().get("gid").asText());
            }
            link = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                    .field("url", "https://example.com/x").field("name", "x")).data().get("gid").asText();
        }
    }

    @Test
    void everyRowAndUploadArrivesWithItsGidAndVerifiedBytes() throws IOException {
        try (Cluster cluster = new Cluster()) {
            DataMigration.Report report = cluster.migrate(cluster.blobs);

            assertThat(report.uploads()).isEqualTo(3);
            assertThat(report.links()).isEqualTo(1);
            assertThat(report.damaged()).isEmpty();
            JdbcAttachmentStore attachments = new JdbcAttachmentStore(cluster.jdbc);
            for (String gid : uploads) {
                Attachment a = attachments.find(Long.parseLong(gid)).orElseThrow();
                assertThat(read(cluster.blobs, a.blobKey())).startsWith("bytes of ");
            }
            assertThat(attachments.find(Long.parseLong(link))).map(Attachment::url).contains("https://example.com/x");
            assertThat(cluster.tokens().authenticate(token)).as("the embedded dev token works on the cluster").isPresent();
            assertThat(cluster.jdbc.queryOne("SELECT project_gid FROM parents WHERE gid = ?", rs -> rs.getLong(1),
                    Long.parseLong(brief))).isPresent();
        }
    }

    @Test
    void aSecondRunCopiesNothingAndSaysSo() throws IOException {
        try (Cluster cluster = new Cluster()) {
            cluster.migrate(cluster.blobs);

            DataMigration.Report again = cluster.migrate(cluster.blobs);

            assertThat(again.copiedRows()).isZero();
            assertThat(again.uploads()).isZero();
            assertThat(again.presentAttachments()).isEqualTo(4);
            assertThat(cluster.committedBlobs()).hasSize(3);
        }
    }

    @Test
    void aRunInterruptedMidwayIsFinishedByRunningItAgain() throws IOException {
        try (Cluster cluster = new Cluster()) {
            assertThatThrownBy(() -> cluster.migrate(new FailingOnThirdBlob(cluster.blobs))).isInstanceOf(IOException.class);

            DataMigration.Report rest = cluster.migrate(cluster.blobs);

            assertThat(rest.presentAttachments()).as("the two uploads copied before the failure").isEqualTo(2);
            assertThat(rest.uploads()).isEqualTo(1);
            assertThat(rest.links()).isEqualTo(1);
            assertThat(new JdbcAttachmentStore(cluster.jdbc).all(0, 100)).hasSize(4);
        }
    }

    @Test
    void uploadsWhoseBytesDoNotMatchTheirRecordAreLeftOutAndNamed() throws IOException {
        Path blob;
        try (Database db = Database.sqlite(source)) {
            String key = new JdbcAttachmentStore(db.jdbc()).find(Long.parseLong(uploads.get(0))).orElseThrow().blobKey();
            blob = source.resolve("blobs/objects").resolve(key.substring(0, 2)).resolve(key);
        }
        byte[] bytes = Files.readAllBytes(blob);
        bytes[0] ^= 1;
        Files.write(blob, bytes);
        try (Cluster cluster = new Cluster()) {
            DataMigration.Report report = cluster.migrate(cluster.blobs);

            assertThat(report.uploads()).isEqualTo(2);
            assertThat(report.damaged()).singleElement().asString().startsWith(uploads.get(0)).contains("sha256");
        }
    }

    @Test
    void theClusterAdoptsTheDataDirectorysSigningSecretWhenItHasNone() throws IOException {
        try (Cluster cluster = new Cluster()) {
            assertThat(cluster.migrate(cluster.blobs).secretAdopted()).isTrue();

            assertThat(new Settings(cluster.jdbc).get("signing_secret"))
                    .contains(Files.readString(source.resolve("signing-secret")).trim());
        }
    }

    private static String read(BlobStore blobs, String key) throws IOException {
        BlobStore.Blob blob = blobs.open(key).orElseThrow();
        try (InputStream in = blob.openRange(0, blob.size())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A PostgreSQL database and a blob directory standing in for a cluster's storage. */
    private final class Cluster implements AutoCloseable {
        final PostgresUrl url = TestPostgres.freshDatabase();
        final Database database = TestPostgres.open(url);
        final Jdbc jdbc = database.jdbc();
        final FileBlobStore files = FileBlobStore.open(dir.resolve("cluster-blobs"));
        final BlobStore blobs = new IntentRecordingBlobStore(files, new UploadIntents(jdbc, Clock.systemUTC(), 9),
                Clock.systemUTC(), Duration.ofMinutes(5));
        final List<String> lines = new ArrayList<>();

        Cluster() throws IOException {
        }

        DataMigration.Report migrate(BlobStore target) throws IOException {
            try (Database embedded = Database.sqlite(source)) {
                embedded.migrate();
                Consumer<String> progress = lines::add;
                return new DataMigration(embedded.jdbc(), FileBlobStore.open(source.resolve("blobs")), source, jdbc, target,
                        progress).run();
            }
        }

        TokenStore tokens() {
            return new TokenStore(jdbc, new GidGenerator(Clock.systemUTC(), 9), new AccessTokens(), Clock.systemUTC());
        }

        List<String> committedBlobs() throws IOException {
            List<String> keys = new ArrayList<>();
            files.forEach(b -> keys.add(b.key()));
            return keys;
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /** A target store whose third upload fails, like a run cut off midway. */
    private static final class FailingOnThirdBlob extends ForwardingBlobStore {
        private final AtomicInteger created = new AtomicInteger();

        FailingOnThirdBlob(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public BlobWriter create() throws IOException {
            if (created.incrementAndGet() == 3) {
                throw new IOException("connection to the store lost");
            }
            return super.create();
        }
    }
}
