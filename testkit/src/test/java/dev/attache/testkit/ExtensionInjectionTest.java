package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attache.client.Attachment;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;

@ExtendWith(AttacheExtension.class)
class ExtensionInjectionTest {

    AttacheServer field;

    @Test
    void injectsTheSameRunningServerIntoFieldsAndParameters(AttacheServer parameter) throws Exception {
        assertThat(field).isSameAs(parameter);
        assertThat(parameter.apiBaseUri().toString()).startsWith("http://127.0.0.1:").endsWith("/api/1.0");
        assertThat(Http.get(parameter, "/users/me").statusCode()).isEqualTo(200);
    }

    @Test
    void clientUploadsToATaskTheServerCreated(AttacheServer server) {
        ParentGid task = server.createTask("Invoices");

        Attachment created = server.client().createAttachmentForObject(task,
                Upload.bytes("invoice.txt", "total: 42".getBytes(StandardCharsets.UTF_8))).join();

        assertThat(created.name()).isEqualTo("invoice.txt");
        assertThat(created.parent().gid()).isEqualTo(task);
    }

    @Test
    void projectsTakeAttachmentsToo(AttacheServer server) throws Exception {
        ParentGid project = server.createProject("Roadmap");

        assertThat(Http.upload(server, project, "plan.txt", new byte[] {1, 2, 3}).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserWithOnlyTheReadScopeCannotUpload(AttacheServer server) {
        ParentGid task = server.createTask("Read only");
        WorkspaceUser reader = server.createUser("Reader", TokenScope.ATTACHMENTS_READ);

        var upload = server.client(reader.token())
                .createAttachmentForObject(task, Upload.bytes("x.txt", new byte[] {1}));

        assertThat(upload).failsWithin(java.time.Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(dev.attache.client.ForbiddenException.class);
        assertThat(server.client(reader.token()).getAttachmentsForObject(task,
                dev.attache.client.PageRequest.all()).join().items()).isEmpty();
    }
}
