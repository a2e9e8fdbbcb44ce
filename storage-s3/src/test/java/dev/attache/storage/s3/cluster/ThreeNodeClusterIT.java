package dev.attache.storage.s3.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.db.PostgresUrl;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Concurrently;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestPostgres;
import dev.attache.storage.s3.S3Settings;
import dev.attache.storage.s3.testing.S3Mock;

/**
 * Three nodes on one PostgreSQL database and one S3 bucket, started at the same moment with no
 * configuration but those two: whatever one node did, the others see and serve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeNodeClusterIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    @TempDir
    static Path dir;

    private List<ClusterNode> nodes;
    private ClusterNode a;
    private ClusterNode b;
    private ClusterNode c;
    private String token;
    private List<Path> seededDirs;

    @BeforeAll
    void startThreeNodesAtOnce() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        String bucket = S3.blobStoreUri("cluster-" + UUID.randomUUID());
        nodes = Concurrently.run(3, i -> ClusterNode.start(dir.resolve("node-" + i), database, bucket, S3.endpoint(),
                RateLimits.NONE));
        seededDirs = nodes.stream().filter(n -> n.app().seeded()).map(ClusterNode::dataDir).toList();
        token = Bootstrap.readDevToken(seededDirs.get(0)).orElseThrow();
        nodes.forEach(n -> n.as(token));
        a = nodes.get(0);
        b = nodes.get(1);
        c = nodes.get(2);
    }

    @AfterAll
    void stop() {
        nodes.forEach(ClusterNode::close);
    }

    @Test
    void exactlyOneOfTheNodesStartedTogetherSeededTheDatabaseAndWroteTheDevToken() throws Exception {
        assertThat(seededDirs).hasSize(1);
        for (ClusterNode node : nodes) {
            assertThat(Bootstrap.readDevToken(node.dataDir()).isPresent()).isEqualTo(seededDirs.contains(node.dataDir()));
            assertThat(node.get("/users/me").status()).as("the one dev token works on every node").isEqualTo(200);
        }
        assertThat(a.get("/workspaces").data()).hasSize(1);
    }

    @Test
    void anUploadOnOneNodeIsReadOnTheOthers() {
        String task = a.createTask("written on A");
        String gid = a.upload(task, "a.txt", "from A".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();

        assertThat(b.get("/attachments/" + gid).data().get("name").asText()).isEqualTo("a.txt");
        assertThat(c.get("/attachments?parent=" + task).data()).extracting(n -> n.get("gid").asText()).containsExactly(gid);
    }

    @Test
    void anOffsetTokenFromOneNodePagesOnAnother() {
        String task = a.createTask("paged");
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gids.add(nodes.get(i).upload(task, i + ".txt", new byte[] {(byte) i}).data().get("gid").asText());
        }
        Reply first = a.get("/attachments?parent=" + task + "&limit=1");
        String offset = first.json().get("next_page").get("offset").asText();

        Reply second = b.get("/attachments?parent=" + task + "&limit=1&offset=" + offset);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.data().get(0).get("gid").asText()).isEqualTo(gids.get(1));
    }

    @Test
    void aDownloadUrlSignedByOneNodeIsServedByAnother() {
        byte[] content = new byte[S3Settings.MIN_PART_SIZE + 4321];
        new SplittableRandom(8).nextBytes(content);
        String task = a.createTask("download");
        String gid = a.upload(task, "big.bin", content).data().get("gid").asText();
        String url = a.get("/attachments/" + gid + "?opt_fields=download_url").data().get("download_url").asText();

        Reply served = ClusterNode.send(HttpRequest.newBuilder(c.onThisNode(url)).GET().build());

        assertThat(URI.create(url).getPort()).isEqualTo(a.app().port());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(content);
    }

    @Test
    void anAttachmentDeletedOnOneNodeIsGoneOnAllOfThem() {
        String task = a.createTask("deleted");
        String gid = a.upload(task, "gone.txt", "x".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();

        assertThat(b.delete("/attachments/" + gid).status()).isEqualTo(200);

        for (ClusterNode node : nodes) {
            assertThat(node.get("/attachments/" + gid).status()).isEqualTo(404);
        }
        assertThat(c.delete("/attachments/" + gid).status()).as("a second delete finds nothing").isEqualTo(404);
    }

    @Test
    void concurrentUploadsOnEveryNodeGetDistinctGidsAndAllArrive() {
        String task = a.createTask("busy");

        List<List<String>> perNode = Concurrently.run(3, i -> {
            List<String> gids = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                Reply r = nodes.get(i).upload(task, i + "-" + n + ".txt", ("node " + i + " file " + n).getBytes(StandardCharsets.UTF_8));
                assertThat(r.status()).isEqualTo(200);
                gids.add(r.data().get("gid").asText());
            }
            return gids;
        });

        Set<String> all = new HashSet<>();
        perNode.forEach(all::addAll);
        assertThat(all).hasSize(30);
        JsonNode listed = b.get("/attachments?parent=" + task).data();
        assertThat(listed).hasSize(30);
        Set<Long> nodeIds = new HashSet<>();
        perNode.forEach(gids -> nodeIds.add((Long.parseLong(gids.get(0)) >> 12) & 1023));
        assertThat(nodeIds).as("each node made gids with its own leased node id").hasSize(3);
    }
}
