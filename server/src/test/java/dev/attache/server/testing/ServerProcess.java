package dev.attache.server.testing;

import java.nio.file.Path;

import dev.attache.server.embedded.EmbeddedServer;

/**
 * A server in its own JVM, for tests that kill it with SIGKILL. Prints {@code PORT <n>} once it
 * listens, then runs until killed.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.builder().dataDir(Path.of(args[0])).withoutTestControls().start();
        System.out.println("PORT " + server.app().port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
