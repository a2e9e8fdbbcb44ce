package dev.attache.storage.s3.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.attache.server.testing.Reply;

/** What the tests of a dependency outage check on every answer, and the uploads they must find whole afterwards. */
final class Outages {

    private Outages() {
    }

    /** A 503 in Asana's envelope with a {@code Retry-After} of whole seconds, naming the dependency that is down. */
    static void assertUnavailable(Reply reply, String dependency) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(503);
        assertThat(reply.header("Retry-After")).as("Retry-After of %s", reply).isNotNull().matches("[1-9][0-9]*");
        assertThat(reply.errorMessage()).as("message of %s", reply).startsWith("The " + dependency + " is temporarily unavailable");
        assertThat(reply.json().path("errors").path(0).path("help").asText()).as("help of %s", reply).isNotEmpty();
    }

    /** Uploads answered 200, by gid, with the bytes sent. Thread-safe. */
    static final class Acknowledged {

        private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

        void add(Reply reply, byte[] content) {
            uploads.put(reply.data().get("gid").asText(), content);
        }

        int size() {
            return uploads.size();
        }

        String any() {
            return uploads.keySet().iterator().next();
        }

        /** Downloads every acknowledged upload through its signed URL and compares the bytes. */
        void assertAllReadableFrom(ClusterNode node) {
            uploads.forEach((gid, content) -> {
                String url = node.get("/attachments/" + gid + "?opt_fields=download_url").data().get("download_url").asText();
                Reply download = ClusterNode.send(HttpRequest.newBuilder(node.onThisNode(url)).build());
                assertThat(download.status()).as("download of acknowledged upload %s", gid).isEqualTo(200);
                assertThat(download.body()).as("bytes of acknowledged upload %s", gid).isEqualTo(content);
            });
        }
    }
}
