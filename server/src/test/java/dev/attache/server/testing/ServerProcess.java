package dev.attache.server.testing;

import java.nio.file.Path;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.ratelimit.RateLimits;

/**
 * A server in its own JVM, for tests that kill it with SIGKILL. Prints {@code PORT <n>} once it
 * listens, then runs until killed.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        App app = App.start(ServerConfig.builder(Path.of(args[0])).forTests().rateLimits(RateLimits.NONE).build());
        System.out.println("PORT " + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
