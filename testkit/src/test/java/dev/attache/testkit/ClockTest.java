package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attache.client.AttachmentGid;
import dev.attache.client.Field;
import dev.attache.client.Fields;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;

/** Advancing the server's clock: signed URLs and offset tokens expire without waiting. */
class ClockTest {

    @RegisterExtension
    static final AttacheExtension ATTACHE = AttacheExtension.builder()
            .server(s -> s.downloadUrlTtl(Duration.ofMinutes(10)))
            .build();

    @Test
    void aDownloadUrlExpiresOnceTheClockPassesItsLifetime(AttacheServer server) throws Exception {
        URI url = downloadUrl(server);
        assertThat(Http.get(url).statusCode()).isEqualTo(200);

        server.clock().advance(Duration.ofMinutes(11));

        assertThat(Http.get(url).statusCode()).isEqualTo(403);
    }

    @Test
    void aDownloadUrlStillWorksJustBeforeItsLifetimeEnds(AttacheServer server) throws Exception {
        URI url = downloadUrl(server);

        server.clock().advance(Duration.ofMinutes(9));

        assertThat(Http.get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void anOffsetTokenExpiresOnceTheClockPassesItsLifetime(AttacheServer server) throws Exception {
        ParentGid task = server.createTask("paged");
        server.client().createAttachmentForObject(task, Upload.bytes("1.txt", new byte[] {1})).join();
        server.client().createAttachmentForObject(task, Upload.bytes("2.txt", new byte[] {2})).join();
        String first = Http.get(server, "/attachments?parent=" + task + "&limit=1").body();
        String offset = first.replaceAll("(?s).*\"offset\":\"([^\"]+)\".*", "$1");

        server.clock().advance(Duration.ofHours(1));

        var expired = Http.get(server, "/attachments?parent=" + task + "&limit=1&offset=" + offset);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("offset");
    }

    @Test
    void theClockIsBackToRealTimeInTheNextTest(AttacheServer server) {
        assertThat(server.clock().offset()).isEqualTo(Duration.ZERO);
    }

    private static URI downloadUrl(AttacheServer server) {
        ParentGid task = server.createTask("t");
        String gid = server.client().createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {7}))
                .join().gid().value();
        return server.client().getAttachment(AttachmentGid.of(gid), Fields.of(Field.DOWNLOAD_URL)).join().downloadUrl();
    }
}
