package dev.attache.client.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What the runtime refuses before anything is sent. */
class ClientRuntimeTest {

    @Test
    void aMessageWithABodyIsRefused() {
        try (ClientRuntime runtime = ClientRuntime.create(null, null, HttpClient.newBuilder())) {
            HttpRequest withBody = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/api/1.0/attachments"))
                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build();

            assertThatThrownBy(() -> runtime.exchangeMessage(withBody, null).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("POST");
        }
    }
}
