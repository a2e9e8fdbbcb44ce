package dev.attache.server.console;

import java.util.function.Supplier;

import dev.attache.server.auth.ApiGate;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.http.Json;
import io.javalin.config.JavalinConfig;

/**
 * The browser console: its page at {@code /} and {@code /console/...}, sign-in and sign-out at
 * {@code /console/session}, and the one listing the API lacks. Everything else the page does goes
 * through the API itself, authenticated by the session that {@link ConsoleSessions} checks.
 */
public final class Console {

    private final SessionRoutes sessionRoutes;
    private final ParentListRoutes parentRoutes;

    /**
     * @param publicBase the server's public base URL, known once it has started; an {@code https}
     *                   base marks the session cookie {@code Secure}
     */
    public Console(ConsoleSessions sessions, TokenStore tokens, DirectoryStore directory, Access access,
                   ApiGate gate, Json json, Supplier<String> publicBase) {
        this.sessionRoutes = new SessionRoutes(sessions, tokens, json, publicBase);
        this.parentRoutes = new ParentListRoutes(directory, access, gate, json);
    }

    /** Registers the console's routes, reading its page and scripts from the jar. */
    public void register(JavalinConfig config) {
        sessionRoutes.register(config);
        parentRoutes.register(config);
        ConsoleAssets.load().register(config);
    }
}
