package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.attache.client.Attachment;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;

/** The builder's settings, and what the server hands out about itself. */
class SettingsTest {

    @Test
    void selfSignedTlsServesHttpsThatTheSharedClientTrusts() {
        try (AttacheServer server = AttacheServer.builder().selfSignedTls().start()) {
            ParentGid task = server.createTask("t");

            Attachment created = server.client().createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();

            assertThat(server.apiBaseUri().getScheme()).isEqualTo("https");
            assertThat(created.name()).isEqualTo("a.txt");
            assertThat(server.selfSignedCertificate()).isRegularFile();
        }
    }

    @Test
    void aPlainHttpServerHasNoCertificateToTrust() {
        try (AttacheServer server = AttacheServer.start()) {
            assertThatThrownBy(server::selfSignedCertificate).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("selfSignedTls()");
        }
    }

    @Test
    void aDownloadUrlLifetimeUnderTwoMinutesIsRefusedAtStart() {
        AttacheServer.Builder builder = AttacheServer.builder().downloadUrlTtl(Duration.ofSeconds(30));

        assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downloadUrlTtl");
    }

    @Test
    void aUsersTokenStaysOutOfItsToString() {
        WorkspaceUser user = new WorkspaceUser("123", "2/123/456:0123456789abcdef0123456789abcdef");

        assertThat(user.toString()).contains("123").doesNotContain("0123456789abcdef");
    }

    @Test
    void theDeveloperIsTheUserOfTheToken() throws Exception {
        try (AttacheServer server = AttacheServer.start()) {
            WorkspaceUser developer = server.developer();

            assertThat(developer.token()).isEqualTo(server.token());
            assertThat(Http.get(server, "/users/me").body()).contains("\"gid\":\"" + developer.gid() + "\"");
        }
    }
}
