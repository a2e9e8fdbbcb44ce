package dev.attache.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.asana.Client;
import com.asana.errors.NotFoundError;
import com.asana.iterator.CollectionPageIterator;
import com.asana.models.Attachment;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Asana's own Java client, {@code com.asana:asana:1.0.0}, unchanged, against our server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialJavaClientTest {

    @TempDir
    static Path dir;
    TestServer server;
    Client client;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
        client = Client.accessToken(server.token());
        client.options.put("base_url", server.app().apiBaseUri().toString());
        client.options.put("max_retries", 0);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void createOnTaskUploadsBytesThatDownloadIdentically() throws Exception {
        String task = server.createTask("official upload");
        byte[] content = new byte[50_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i % 251);
        }

        Attachment created = client.attachments.createOnTask(task, new ByteArrayInputStream(content), "data.bin",
                "application/octet-stream").execute();
        Reply downloaded = server.send(HttpRequest.newBuilder(created.downloadUrl.toURI()).GET().build());

        assertThat(created.gid).matches("[0-9]+");
        assertThat(created.name).isEqualTo("data.bin");
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(content);
    }

    @Test
    void createOnTaskWithAPercentEncodedNameStoresTheDecodedName() throws Exception {
        String task = server.createTask("official non-ascii");
        String encoded = URLEncoder.encode("résumé 履歴書.pdf", StandardCharsets.UTF_8).replace("+", "%20");

        Attachment created = client.attachments.createOnTask(task, new ByteArrayInputStream(new byte[] {1, 2}), encoded,
                "application/pdf").execute();

        assertThat(created.name).isEqualTo("résumé 履歴書.pdf");
    }

    @Test
    void findByIdReturnsTheName() throws Exception {
        String task = server.createTask("official get");
        String gid = upload(task, "report.pdf");

        Attachment found = client.attachments.findById(gid).execute();

        assertThat(found.gid).isEqualTo(gid);
        assertThat(found.name).isEqualTo("report.pdf");
        assertThat(found.parent.gid).isEqualTo(task);
        assertThat(found.createdAt).isNotNull();
    }

    @Test
    void findByIdWithTheFieldsOptionReturnsOnlyThoseFields() throws Exception {
        String task = server.createTask("official fields");
        String gid = upload(task, "fields.txt");

        Attachment found = client.attachments.findById(gid).option("fields", List.of("name")).execute();

        assertThat(found.gid).isEqualTo(gid);
        assertThat(found.name).isEqualTo("fields.txt");
        assertThat(found.host).isNull();
        assertThat(found.parent).isNull();
    }

    @Test
    void findByTaskIteratesEveryPageInOrder() throws Exception {
        String task = server.createTask("official pages");
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(upload(task, "file-" + i + ".txt"));
        }

        List<String> listed = new ArrayList<>();
        for (Attachment a : client.attachments.findByTask(task).option("page_size", 2)) {
            listed.add(a.gid);
        }

        assertThat(listed).containsExactlyElementsOf(uploaded);
    }

    @Test
    void findByTaskFollowsNextPageOffsetsAcrossThreePages() throws Exception {
        String task = server.createTask("official page sizes");
        for (int i = 0; i < 5; i++) {
            upload(task, "page-" + i + ".txt");
        }

        List<Integer> pageSizes = new ArrayList<>();
        CollectionPageIterator<Attachment> pages = new CollectionPageIterator<>(client.attachments.findByTask(task).option("page_size", 2));
        while (pages.hasNext()) {
            pageSizes.add(pages.next().size());
        }

        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void getAttachmentsForObjectPagesThroughAProjectsAttachments() throws Exception {
        String project = server.createProject("official project pages");
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(server.uploadFile(project, "p-" + i + ".txt", new byte[] {(byte) i}).data().get("gid").asText());
        }

        List<String> listed = new ArrayList<>();
        for (Attachment a : client.attachments.getAttachmentsForObject(project).option("page_size", 2)) {
            listed.add(a.gid);
        }

        assertThat(listed).containsExactlyElementsOf(uploaded);
    }

    @Test
    void deleteAttachmentRemovesIt() throws Exception {
        String task = server.createTask("official delete");
        String gid = upload(task, "doomed.txt");

        client.attachments.deleteAttachment(gid).execute();

        assertThat(server.get("/attachments/" + gid).status()).isEqualTo(404);
        assertThat(catchThrowable(() -> client.attachments.findById(gid).execute())).isInstanceOf(NotFoundError.class);
    }

    private String upload(String task, String name) throws Exception {
        return client.attachments.createOnTask(task, new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)), name,
                "text/plain").execute().gid;
    }
}
