package dev.attache.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.OAuthApps;
import dev.attache.server.auth.Scope;
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
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestPostgres;
import dev.attache.server.testing.TestServer;

/**
 * Moving an embedded data directory into a PostgreSQL cluster's storage: into an empty database, and
 * into one whose node has started, seeded it and keeps serving meanwhile.
 */
class DataMigrationIT {

    private static final List<String> TABLES = List.of("workspaces", "users", "memberships", "tokens", "parents",
            "attachments", "oauth_apps", "oauth_grants", "upload_intents", "settings");

    @TempDir
    Path dir;
    Path source;
    String token;
    long user;
    String workspace;
    List<String> uploads = new ArrayList<>();
    String link;
    String brief;

    @BeforeEach
    void fillAnEmbeddedDataDirectory() {
        source = dir.resolve("embedded");
        try (TestServer server = TestServer.start(source)) {
            token = server.token();
            user = server.devUserGid();
            workspace = server.workspaceGid();
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
        try (Cluster cluster = Cluster.empty(this)) {
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
        try (Cluster cluster = Cluster.empty(this)) {
            cluster.migrate(cluster.blobs);

            DataMigration.Report again = cluster.migrate(cluster.blobs);

            assertThat(again.copiedRows()).isZero();
            assertThat(again.uploads()).isZero();
            assertThat(again.presentAttachments()).isEqualTo(4);
            assertThat(cluster.committedBlobs()).hasSize(3);
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
        try (Cluster cluster = Cluster.empty(this)) {
            DataMigration.Report report = cluster.migrate(cluster.blobs);

            assertThat(report.uploads()).isEqualTo(2);
            assertThat(report.damaged()).singleElement().asString().startsWith(uploads.get(0)).contains("sha256");
        }
    }

    @Test
    void theClusterAdoptsTheDataDirectorysSigningSecretWhenItHasNone() throws IOException {
        try (Cluster cluster = Cluster.empty(this)) {
            assertThat(cluster.migrate(cluster.blobs).secretAdopted()).isTrue();

            assertThat(new Settings(cluster.jdbc).get("signing_secret"))
                    .contains(Files.readString(source.resolve("signing-secret")).trim());
        }
    }

    @Test
    void oauthAppsArriveWithTheirGidsAndSecrets() throws IOException {
        OAuthApps.RegisteredApp registered;
        try (AdminStorage storage = AdminStorage.open(source)) {
            registered = storage.apps().register("Importer", List.of("https://example.com/cb"), Scope.all());
        }
        try (Cluster cluster = Cluster.empty(this)) {
            cluster.migrate(cluster.blobs);

            OAuthApps apps = new OAuthApps(cluster.jdbc, new GidGenerator(Clock.systemUTC(), 9), Clock.systemUTC());
            assertThat(apps.authenticate(registered.app().clientId(), registered.clientSecret()))
                    .as("the app's client id and secret work on the cluster")
                    .map(OAuthApps.OAuthApp::redirectUris).contains(List.of("https://example.com/cb"));
        }
    }

    @Test
    void intoAStartedClusterTheSingleServersTokenActsAsItsOwnUserOnTheRunningNode() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            cluster.migrate(cluster.blobs);

            Reply me = cluster.get("/users/me", token);

            assertThat(me.status()).isEqualTo(200);
            assertThat(me.data().get("gid").asText()).isEqualTo(Long.toString(user));
            assertThat(me.data().get("email").asText()).isEqualTo("dev@attache.local");
        }
    }

    @Test
    void intoAStartedClusterTheClustersFirstStartUserIsMergedAndItsTokenRevoked() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            String nodeToken = cluster.node.token();

            DataMigration.Report report = cluster.migrate(cluster.blobs);

            assertThat(cluster.get("/users/me", nodeToken).status()).isEqualTo(401);
            assertThat(cluster.jdbc.query("SELECT gid FROM users WHERE LOWER(email) = 'dev@attache.local'",
                    rs -> rs.getLong(1))).containsExactly(user);
            assertThat(report.mergedUsers()).singleElement().asString()
                    .contains(Long.toString(cluster.node.devUserGid()), Long.toString(user), "1 token(s)", "revoked");
        }
    }

    @Test
    void intoAStartedClusterTheMigratedUserHasBothWorkspacesAndTheTasksMadeOnTheCluster() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            String clusterWorkspace = cluster.node.workspaceGid();
            String clusterTask = cluster.node.createTask("made on the cluster before the migration");

            cluster.migrate(cluster.blobs);

            Reply workspaces = cluster.get("/workspaces", token);
            List<String> gids = new ArrayList<>();
            workspaces.data().forEach(w -> gids.add(w.get("gid").asText()));
            assertThat(gids).containsExactlyInAnyOrder(workspace, clusterWorkspace);
            assertThat(cluster.jdbc.queryOne("SELECT created_by FROM parents WHERE gid = ?", rs -> rs.getLong(1),
                    Long.parseLong(clusterTask))).contains(user);
        }
    }

    @Test
    void intoAStartedClusterMigratedUploadsDownloadThroughTheRunningNode() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            cluster.migrate(cluster.blobs);

            Reply attachment = cluster.get("/attachments/" + uploads.get(0) + "?opt_fields=download_url", token);
            Reply download = cluster.node.send(HttpRequest.newBuilder(
                    URI.create(attachment.data().get("download_url").asText())).GET().build());

            assertThat(download.status()).isEqualTo(200);
            assertThat(download.text()).startsWith("bytes of ");
        }
    }

    @Test
    void intoAStartedClusterASecondRunCopiesNothing() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            cluster.migrate(cluster.blobs);
            Map<String, Long> after = cluster.counts();
            List<String> blobs = cluster.committedBlobs();

            DataMigration.Report again = cluster.migrate(cluster.blobs);

            assertThat(again.copiedRows()).isZero();
            assertThat(again.uploads()).isZero();
            assertThat(again.mergedUsers()).isEmpty();
            assertThat(cluster.counts()).isEqualTo(after);
            assertThat(cluster.committedBlobs()).isEqualTo(blobs);
        }
    }

    @Test
    void aStartedClusterKeepsItsOwnSigningSecretAndTheRunSaysWhatStopsWorking() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            String secret = new Settings(cluster.jdbc).get("signing_secret").orElseThrow();

            DataMigration.Report report = cluster.migrate(cluster.blobs);

            assertThat(report.secretAdopted()).isFalse();
            assertThat(new Settings(cluster.jdbc).get("signing_secret")).contains(secret);
            assertThat(cluster.lines).anySatisfy(line -> assertThat(line).contains("signing secret", "stop working"));
        }
    }

    @Test
    void aRunWhoseStoreFailsMidwayLeavesNoRowNoBytesAndNoIntent() throws IOException {
        try (Cluster cluster = Cluster.empty(this)) {
            assertThatThrownBy(() -> cluster.migrate(new FailingOnThirdBlob(cluster.blobs)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Nothing was migrated: ")
                    .hasMessageContaining("connection to the store lost");

            assertThat(cluster.counts()).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            assertThat(cluster.committedBlobs()).isEmpty();
        }
    }

    @Test
    void aRunWhoseRowsTheDatabaseRefusesLeavesTheStartedClusterAsItWasAndSaysSoWithoutSql() throws IOException {
        try (Cluster cluster = Cluster.started(this)) {
            Map<String, Long> before = cluster.counts();
            cluster.refuseAttachmentRows();

            assertThatThrownBy(() -> cluster.migrate(cluster.blobs))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Nothing was migrated: the cluster's database refused or failed to store the rows")
                    .hasMessageContaining("run the migration again")
                    .message().doesNotContainIgnoringCase("insert").doesNotContain("ERROR");

            assertThat(cluster.counts()).isEqualTo(before);
            assertThat(cluster.committedBlobs()).isEmpty();
            assertThat(cluster.get("/users/me", cluster.node.token()).status()).as("the cluster's user was not merged")
                    .isEqualTo(200);
        }
    }

    @Test
    void aRunAfterAFailedOneCopiesEverything() throws IOException {
        try (Cluster cluster = Cluster.empty(this)) {
            assertThatThrownBy(() -> cluster.migrate(new FailingOnThirdBlob(cluster.blobs)))
                    .isInstanceOf(MigrationFailedException.class);

            DataMigration.Report report = cluster.migrate(cluster.blobs);

            assertThat(report.uploads()).isEqualTo(3);
            assertThat(report.links()).isEqualTo(1);
            assertThat(new JdbcAttachmentStore(cluster.jdbc).all(0, 100)).hasSize(4);
            assertThat(cluster.committedBlobs()).hasSize(3);
        }
    }

    private static String read(BlobStore blobs, String key) throws IOException {
        BlobStore.Blob blob = blobs.open(key).orElseThrow();
        try (InputStream in = blob.openRange(0, blob.size())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A PostgreSQL database and a blob directory standing in for a cluster's storage; when started, a
     * node serves on them, having seeded the database on its first start as every cluster's first node does.
     */
    private static final class Cluster implements AutoCloseable {
        final DataMigrationIT test;
        final PostgresUrl url = TestPostgres.freshDatabase();
        final TestServer node;
        final Database database;
        final Jdbc jdbc;
        final FileBlobStore files;
        final BlobStore blobs;
        final List<String> lines = new ArrayList<>();

        private Cluster(DataMigrationIT test, boolean started) throws IOException {
            this.test = test;
            Path blobDir = started ? test.dir.resolve("node/blobs") : test.dir.resolve("cluster-blobs");
            node = started ? TestServer.start(test.dir.resolve("node"), c -> c.database(url)) : null;
            database = TestPostgres.open(url);
            jdbc = database.jdbc();
            files = FileBlobStore.open(blobDir);
            blobs = new IntentRecordingBlobStore(files, new UploadIntents(jdbc, Clock.systemUTC(), AdminStorage.NODE_ID),
                    Clock.systemUTC(), Duration.ofMinutes(5));
        }

        static Cluster empty(DataMigrationIT test) throws IOException {
            return new Cluster(test, false);
        }

        static Cluster started(DataMigrationIT test) throws IOException {
            return new Cluster(test, true);
        }

        DataMigration.Report migrate(BlobStore target) throws IOException {
            try (Database embedded = Database.sqlite(test.source)) {
                embedded.migrate();
                return new DataMigration(embedded.jdbc(), FileBlobStore.open(test.source.resolve("blobs")), test.source,
                        jdbc, target, lines::add).run();
            }
        }

        Reply get(String pathAndQuery, String token) {
            return node.send(HttpRequest.newBuilder(node.api(pathAndQuery)).header("Authorization", "Bearer " + token)
                    .GET().build());
        }

        TokenStore tokens() {
            return new TokenStore(jdbc, new GidGenerator(Clock.systemUTC(), 9), new AccessTokens(), Clock.systemUTC());
        }

        /** Rows per table of the cluster's database. */
        Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, jdbc.queryOne("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).orElseThrow());
            }
            return counts;
        }

        /** Makes the database refuse every new attachment row, as a constraint the migration did not foresee would. */
        void refuseAttachmentRows() {
            jdbc.update("CREATE FUNCTION refuse_attachment() RETURNS trigger AS $$ BEGIN "
                    + "RAISE EXCEPTION 'attachment refused' USING ERRCODE = '23514'; END $$ LANGUAGE plpgsql");
            jdbc.update("CREATE TRIGGER refuse_attachment BEFORE INSERT ON attachments FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse_attachment()");
        }

        List<String> committedBlobs() throws IOException {
            List<String> keys = new ArrayList<>();
            files.forEach(b -> keys.add(b.key()));
            return keys;
        }

        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
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
