package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.testing.TestPostgres;

/**
 * The per-minute quota of a token holds across the nodes of a cluster, not per node, within the overshoot
 * the batching allows (docs/api.md §7): here, the one request a node admits before it hears the count.
 */
class ClusterRateLimitIT {

    @TempDir
    Path dir;

    @Test
    void aTokensMinuteQuotaIsSharedByEveryNode() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        RateLimits fourPerMinute = new RateLimits(true, 4, 50, 15);
        try (App a = node("a", database, fourPerMinute); App b = node("b", database, fourPerMinute)) {
            String token = Bootstrap.readDevToken(a.seeded() ? dir.resolve("a") : dir.resolve("b")).orElseThrow();

            List<Integer> onA = List.of(me(a, token), me(a, token), me(a, token), me(a, token));
            int firstOnB = me(b, token);
            HttpResponse<String> secondOnB = get(b, token);

            assertThat(onA).containsOnly(200);
            assertThat(firstOnB).as("a node admits its first request of a window before it hears the count").isEqualTo(200);
            assertThat(secondOnB.statusCode()).as("then it knows the quota is used up").isEqualTo(429);
            assertThat(secondOnB.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 60L);
        }
    }

    private App node(String name, PostgresUrl database, RateLimits limits) throws IOException {
        return App.start(ServerConfig.builder(dir.resolve(name)).forTests().rateLimits(limits).database(database).build());
    }

    private static int me(App node, String token) throws Exception {
        return get(node, token).statusCode();
    }

    private static HttpResponse<String> get(App node, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.apiBaseUri() + "/users/me"))
                .header("Authorization", "Bearer " + token).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
