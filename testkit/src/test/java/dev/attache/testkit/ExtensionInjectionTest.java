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
        String task = server.createTask("Invoices");

        Attachment created = server.client().createAttachmentForObject(ParentGid.of(task),
                Upload.bytes("invoice.txt", "total: 42".getBytes(StandardCharsets.UTF_8))).join();

        assertThat(created.name()).isEqualTo("invoice.txt");
        assertThat(created.parent().gid()).isEqualTo(ParentGid.of(task));
    }

    @Test
    void projectsTakeAttachmentsToo(AttacheServer server) throws Exception {
        String project = server.createProject("Roadmap");

        assertThat(Http.upload(server, project, "plan.txt", new byte[] {1, 2, 3}).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserWithOnlyTheReadScopeCannotUpload(AttacheServer server) {
        String task = server.createTask("Read only");
        String reader = server.createUser("Reader", "attachments:read");

        var upload = server.client(server.tokenOf(reader))
                .createAttachmentForObject(ParentGid.of(task), Upload.bytes("x.txt", new byte[] {1}));

        assertThat(upload).failsWithin(java.time.Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(dev.attache.client.ForbiddenException.class);
        assertThat(server.client(server.tokenOf(reader)).getAttachmentsForObject(ParentGid.of(task),
                dev.attache.client.PageRequest.all()).join().items()).isEmpty();
    }
}
