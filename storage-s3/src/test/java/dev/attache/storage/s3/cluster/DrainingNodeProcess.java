package dev.attache.storage.s3.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.storage.StorageContext;
import dev.attache.storage.s3.S3BlobStore;
import dev.attache.storage.s3.S3Settings;

/**
 * A cluster node in its own JVM that drains on SIGTERM as {@code attache serve} does (its shutdown hook
 * drains, then halts with 0 when nothing was cut). Arguments: data directory, database URL, blob store
 * URI, S3 endpoint. Prints {@code PORT <n>} once it listens.
 */
public final class DrainingNodeProcess {

    private DrainingNodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.builder(Path.of(args[0])).forTests().rateLimits(RateLimits.NONE)
                .database(PostgresUrl.parse(args[1])).blobStore(URI.create(args[2])).shutdownGrace(Duration.ofSeconds(60)).build();
        StorageContext context = StorageContext.defaults().withBlobStores(location ->
                S3BlobStore.open(S3Settings.resolve(location.toString(), args[3], "us-east-1", Map.of())));
        App app = App.start(config, context);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (app.drain()) {
                Runtime.getRuntime().halt(0);
            }
        }));
        System.out.println("PORT " + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
