package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Without the extension: start, use, close. */
class PlainJavaTest {

    @Test
    void startServesTheApiAndCloseStopsItAndDeletesTheData() throws Exception {
        Path data;
        URI me;
        try (AttacheServer server = AttacheServer.start()) {
            data = server.dataDir();
            me = URI.create(server.apiBaseUri() + "/users/me");
            assertThat(Http.get(server, "/users/me").statusCode()).isEqualTo(200);
        }

        assertThat(data).doesNotExist();
        assertThatThrownBy(() -> Http.get(me)).isInstanceOf(IOException.class);
    }

    @Test
    void twoServersRunSideBySide() {
        try (AttacheServer one = AttacheServer.start(); AttacheServer two = AttacheServer.start()) {
            assertThat(one.apiBaseUri()).isNotEqualTo(two.apiBaseUri());
            assertThat(one.token()).isNotEqualTo(two.token());
        }
    }
}
