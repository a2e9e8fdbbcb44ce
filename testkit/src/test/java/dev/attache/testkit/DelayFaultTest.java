package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delays as a client sees them. Only lower bounds are asserted: a delayed answer cannot come early,
 * however loaded the machine is.
 */
@ExtendWith(AttacheExtension.class)
class DelayFaultTest {

    @Test
    void aDelayedRequestIsAnsweredNoSoonerThanTheDelay(AttacheServer server) throws Exception {
        server.faults().delay("GET /users/me", 1, Duration.ofMillis(700));

        long start = System.nanoTime();
        HttpResponse<String> r = Http.get(server, "/users/me");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aClientTimeoutShorterThanTheDelayFires(AttacheServer server) {
        server.faults().delay("GET /users/me", 1, Duration.ofSeconds(10));

        assertThatThrownBy(() -> Http.client().send(Http.authorized(server, "/users/me").timeout(Duration.ofMillis(300))
                .GET().build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
    }
}
