package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.CuttingProxy;
import dev.attache.server.ServerConfig;
import dev.attache.server.embedded.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real Attaché server: docs/api.md §3–§6 end to end, over plain HTTP here and
 * over HTTPS in {@link HttpsRealServerContractTest}, which overrides the three transport hooks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealServerContractTest {

    EmbeddedServer server;
    private AttachmentsApi api;

    @BeforeAll
    void start() {
        server = EmbeddedServer.builder().configure(this::configure).start();
        api = client().token(server.token()).build();
    }

    /** The server's settings beyond the test defaults. */
    ServerConfig.Builder configure(ServerConfig.Builder config) {
        return config;
    }

    /** A client builder for this class's server, without its token. */
    AttachmentsApiBuilder client() {
        return AttachmentsApi.builder().baseUri(server.apiBaseUri());
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
        server.close();
    }

    private ParentGid task(String name) {
        return ParentGid.of(server.createTask(name));
    }

    private ParentGid project(String name) {
        return ParentGid.of(server.createProject(name));
    }

    private ParentGid projectBrief(String title) {
        return ParentGid.of(server.createBrief(server.createProject("for " + title), title));
    }

    @Test
    void errorMessageNamesTheRequestIdTheServerLogged() throws Exception {
        Throwable failure = api.getAttachment(AttachmentGid.of("1999999999")).handle((a, e) -> e).join();

        assertThat(failure).isInstanceOf(NotFoundException.class);
        String id = ((NotFoundException) failure).requestId().orElseThrow();
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(failure.getMessage()).startsWith("GET /attachments/1999999999 -> 404 (request " + id + ")");
    }

    private Attachment upload(ParentGid parent, String name, byte[] data) {
        return api.createAttachmentForObject(parent, Upload.bytes(name, data)).join();
    }

    @Test
    void uploadToTaskReturnsTheFullRecord() throws Exception {
        ParentGid task = task("upload");

        Attachment a = upload(task, "notes.txt", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(a.name()).isEqualTo("notes.txt");
        assertThat(a.resourceType()).isEqualTo("attachment");
        assertThat(a.resourceSubtype()).isEqualTo(ResourceSubtype.ASANA);
        assertThat(a.host()).isEqualTo(ResourceSubtype.ASANA);
        assertThat(a.createdAt()).isNotNull();
        assertThat(a.downloadUrl()).isNotNull();
        assertThat(a.permanentUrl()).isNotNull();
        assertThat(a.parent().gid()).isEqualTo(task);
        assertThat(a.parent().resourceType()).isEqualTo("task");
        assertThat(a.parent().resourceSubtype()).isEqualTo("default_task");
    }

    @Test
    void uploadToProjectNamesProjectAsParentType() throws Exception {
        Attachment a = upload(project("p"), "a.txt", new byte[] {1});

        assertThat(a.parent().resourceType()).isEqualTo("project");
    }

    @Test
    void uploadToProjectBriefNamesProjectBriefAsParentType() throws Exception {
        Attachment a = upload(projectBrief("b"), "a.txt", new byte[] {1});

        assertThat(a.parent().resourceType()).isEqualTo("project_brief");
    }

    @Test
    void externalLinkIsStoredWithItsUrlAndNoPermanentUrl() throws Exception {
        URI url = URI.create("https://example.com/spec?v=2");

        Attachment a = api.createAttachmentForObject(task("link"), Upload.link(url, "Spec")).join();

        assertThat(a.resourceSubtype()).isEqualTo(ResourceSubtype.EXTERNAL);
        assertThat(a.name()).isEqualTo("Spec");
        assertThat(a.viewUrl()).isEqualTo(url);
        assertThat(a.permanentUrl()).isNull();
    }

    @Test
    void downloadOfAnExternalLinkIsRefusedNamingTheLinksHost(@TempDir Path work) throws Exception {
        // Nothing listens on port 1: following the link would fail only after retries.
        URI url = URI.create("http://127.0.0.1:1/spec");
        Attachment a = api.createAttachmentForObject(task("link"), Upload.link(url, "Spec")).join();
        Path target = work.resolve("spec");

        assertThatThrownBy(() -> api.download(a.gid(), target).join())
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("external link").hasMessageContaining("127.0.0.1");
        assertThat(work.resolve("spec.part")).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void optFieldsReturnOnlyTheNamedFields() throws Exception {
        Attachment created = upload(task("fields"), "f.bin", new byte[321]);

        Attachment a = api.getAttachment(created.gid(), Fields.of(Field.NAME, Field.SIZE)).join();

        assertThat(a.gid()).isEqualTo(created.gid());
        assertThat(a.name()).isEqualTo("f.bin");
        assertThat(a.size()).isEqualTo(321L);
        assertThat(a.downloadUrl()).isNull();
        assertThat(a.parent()).isNull();
    }

    @Test
    void uploadReturnsTheOptFieldsItAskedFor() throws Exception {
        Attachment a = api.createAttachmentForObject(task("post-fields"), Upload.bytes("s.bin", new byte[7]),
                Fields.of(Field.SIZE, Field.PARENT_NAME)).join();

        assertThat(a.size()).isEqualTo(7L);
        assertThat(a.parent().name()).isEqualTo("post-fields");
        assertThat(a.name()).isNull();
    }

    @Test
    void fileUploadKeepsItsNameAndProbedContentType(@TempDir Path work) throws Exception {
        Path file = java.nio.file.Files.writeString(work.resolve("plan.txt"), "plan");

        Attachment a = api.createAttachmentForObject(task("file"), Upload.file(file)).join();

        assertThat(a.name()).isEqualTo("plan.txt");
        assertThat(api.getAttachment(a.gid(), Fields.of(Field.SIZE)).join().size()).isEqualTo(4L);
    }

    @Test
    void deletedAttachmentIsNotFound() throws Exception {
        Attachment a = upload(task("delete"), "d.txt", new byte[] {1});

        api.deleteAttachment(a.gid()).join();

        assertThatThrownBy(() -> api.getAttachment(a.gid()).join()).cause().isInstanceOf(NotFoundException.class)
                .hasMessageContaining("attachment: Not a recognized ID");
    }

    @Test
    void pagingWalksSeveralPagesOldestFirst() throws Exception {
        ParentGid task = task("paging");
        for (int i = 0; i < 5; i++) {
            upload(task, "file-" + i, new byte[] {(byte) i});
        }
        List<String> names = new ArrayList<>();

        api.forEach(task, PageRequest.limit(2), a -> names.add(a.name())).join();

        assertThat(names).containsExactly("file-0", "file-1", "file-2", "file-3", "file-4");
    }

    @Test
    void firstPageExposesNextPageWhenMoreRemain() throws Exception {
        ParentGid task = task("next");
        for (int i = 0; i < 3; i++) {
            upload(task, "n-" + i, new byte[] {1});
        }

        Page<Attachment> page = api.getAttachmentsForObject(task, PageRequest.limit(2)).join();

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).hasValueSatisfying(next -> assertThat(next.path()).startsWith("/attachments?"));
    }

    @Test
    void nonAsciiFileNameArrivesIntact() throws Exception {
        Attachment a = upload(task("names"), "résumé \"final\".pdf", new byte[] {1});

        assertThat(api.getAttachment(a.gid(), Fields.of(Field.NAME)).join().name()).isEqualTo("résumé \"final\".pdf");
    }

    @Test
    void downloadReturnsTheUploadedBytes(@TempDir Path work) throws Exception {
        byte[] data = new byte[300_000];
        new java.util.Random(3).nextBytes(data);
        Attachment a = upload(task("download"), "d.bin", data);

        Path file = api.download(a.gid(), work.resolve("d.bin")).join();

        assertThat(file).hasBinaryContent(data);
    }

    @Test
    void droppedDownloadResumesWithRangeAndYieldsTheSameBytes(@TempDir Path otherData) throws Exception {
        byte[] data = patterned(300_000);
        // A second server whose download URLs point at a proxy that drops the first download.
        try (CuttingProxy cutting = new CuttingProxy("GET /download/", 1, 100_000);
                EmbeddedServer cut = EmbeddedServer.builder().dataDir(otherData)
                        .configure(c -> c.publicBaseUrl(cutting.baseUri())).start()) {
            cutting.forwardTo(cut.app().port());
            // apiBaseUri() is behind the proxy too; call the API directly so only downloads cross it.
            URI direct = URI.create("http://127.0.0.1:" + cut.app().port() + "/api/1.0");
            AttachmentsApi client = AttachmentsApi.builder().baseUri(direct).token(cut.token()).build();
            ParentGid task = ParentGid.of(cut.createTask("resume"));
            Attachment a = client.createAttachmentForObject(task, Upload.bytes("r.bin", data)).join();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            client.download(a.gid(), out, ProgressListener.none()).join();

            assertThat(cutting.cutsLeft()).as("the first download was cut").isLessThanOrEqualTo(0);
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    /** Position-dependent letters, so a resume at the wrong offset shows. */
    private static byte[] patterned(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + (i % 23));
        }
        return data;
    }

    @Test
    void uploadOfCarriageReturnsArrivesIntact(@TempDir Path work) throws Exception {
        byte[] data = new byte[100_000];
        java.util.Arrays.fill(data, (byte) '\r');
        Attachment a = upload(task("cr"), "crlf.txt", data);

        assertThat(api.download(a.gid(), work.resolve("crlf.txt")).join()).hasBinaryContent(data);
    }

    @Test
    void streamOfUnknownLengthOverTheLimitFailsWithTheServersPayloadTooLarge() throws Exception {
        long tooBig = Upload.MAX_FILE_BYTES + 1;
        // Of unknown length, so only the server can tell it is too large.
        Upload huge = Upload.oneShot("huge.bin", new ZeroStream(tooBig));

        assertThatThrownBy(() -> api.createAttachmentForObject(task("huge"), huge).join())
                .cause().isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("file: The file exceeds the 100 MB size limit");
    }

    @Test
    void unknownTokenFailsWithAuthenticationException() {
        AttachmentsApi stranger = client()
                .token("2/1/2:00000000000000000000000000000000").build();

        assertThatThrownBy(() -> stranger.getAttachment(AttachmentGid.of("1")).join())
                .cause().isInstanceOf(AuthenticationException.class);
    }

    @Test
    void uploadWithUnknownTokenFailsWithAuthenticationException() throws Exception {
        AttachmentsApi stranger = client()
                .token("2/1/2:00000000000000000000000000000000").build();

        assertThatThrownBy(() -> stranger.createAttachmentForObject(task("refused"),
                Upload.bytes("a.bin", new byte[100_000])).join())
                .cause().isInstanceOf(AuthenticationException.class);
    }

    /** A stream of {@code length} zero bytes that never holds them. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
