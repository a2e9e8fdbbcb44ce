package dev.attache.testkit;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.attache.client.AttachmentsApi;
import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.embedded.EmbeddedServer;
import dev.attache.server.faults.ShiftableClock;
import dev.attache.server.ratelimit.RateLimits;

/**
 * A real Attaché server in this JVM, on a free port of 127.0.0.1, over SQLite and files in a data
 * directory of its own. Asana's clients, our {@link AttachmentsApi} and curl all work against
 * {@link #apiBaseUri()} unchanged. Tests can make it misbehave through {@link #faults()} and move its
 * time with {@link #clock()}. Thread-safe; close it to stop the server and delete a temporary data
 * directory.
 *
 * <pre>{@code
 * try (AttacheServer server = AttacheServer.start()) {
 *     String task = server.createTask("Invoices");
 *     Attachment a = server.client().createAttachmentForObject(ParentGid.of(task),
 *             Upload.bytes("a.txt", "hi".getBytes()), Fields.defaults()).join();
 * }
 * }</pre>
 */
public final class AttacheServer implements AutoCloseable {

    private final EmbeddedServer server;
    private final AttachmentsApi client;
    private final Faults faults;

    private AttacheServer(EmbeddedServer server) {
        this.server = server;
        this.client = client(server.token());
        this.faults = new Faults(server.faults());
    }

    /** A server with the default settings: no rate limits, 30-minute download URLs, a temporary data directory. */
    public static AttacheServer start() {
        return builder().start();
    }

    /** Settings for a server; finish with {@link Builder#start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The API root, such as {@code http://127.0.0.1:41234/api/1.0}; give it to any Asana client. */
    public URI apiBaseUri() {
        return server.apiBaseUri();
    }

    /** The server root, where {@code /health}, {@code /metrics} and the {@code /_test} control routes live. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The developer's personal access token: every scope, member of {@link #workspaceGid()}. */
    public String token() {
        return server.token();
    }

    /** The workspace the developer and every user created here belong to. */
    public String workspaceGid() {
        return server.workspaceGid();
    }

    /** The developer user's gid. */
    public String userGid() {
        return server.userGid();
    }

    /** Where the database and the blobs are. */
    public Path dataDir() {
        return server.dataDir();
    }

    /** A new task in the workspace, created by the developer; its gid. */
    public String createTask(String name) {
        return server.createTask(name);
    }

    /** A new project in the workspace, created by the developer; its gid. */
    public String createProject(String name) {
        return server.createProject(name);
    }

    /**
     * A new member of the workspace with a token of its own ({@link #tokenOf(String)}). With no scopes
     * the token is a personal access token, which has them all; with scopes (Asana's names:
     * {@code attachments:read}, {@code attachments:write}, {@code attachments:delete}) it is an OAuth
     * token limited to them.
     *
     * @return the user's gid
     * @throws IllegalArgumentException for a scope the API does not know
     */
    public String createUser(String name, String... scopes) {
        return server.createUser(name, scopes);
    }

    /**
     * The token of a user made by {@link #createUser(String, String...)}.
     *
     * @throws IllegalArgumentException when this server made no such user
     */
    public String tokenOf(String userGid) {
        return server.tokenOf(userGid);
    }

    /** Our client, pointed at this server with the developer's token. Shared; safe to use from many threads. */
    public AttachmentsApi client() {
        return client;
    }

    /** A new client of ours pointed at this server with a token of your choosing. */
    public AttachmentsApi client(String token) {
        return AttachmentsApi.builder().baseUri(apiBaseUri()).token(token).build();
    }

    /** Faults on demand for the next requests that match a route. */
    public Faults faults() {
        return faults;
    }

    /**
     * The server's clock: real time plus whatever a test has added with
     * {@link ShiftableClock#advance(Duration)}, so download URLs and offset tokens expire without waiting.
     */
    public ShiftableClock clock() {
        return server.clock();
    }

    /** The bearer token of the {@code /_test} control routes under {@link #baseUri()}. */
    public String controlToken() {
        return server.controlToken();
    }

    /** Clears the faults and sets the clock back to real time; data stays. */
    public void clearFaults() {
        server.clearFaults();
    }

    /**
     * Back to how it was after start, without a restart: faults cleared, clock back to real time, and
     * every workspace, user, token, task, project and attachment created since removed. The token and
     * workspace stay the same.
     */
    public void reset() {
        server.reset();
    }

    /** The server underneath, for what this class does not cover. */
    public App app() {
        return server.app();
    }

    /** Stops the server and deletes a temporary data directory. */
    @Override
    public void close() {
        server.close();
    }

    /**
     * Settings for a server, each starting at its default. Not thread-safe; {@link #start()} may be
     * called more than once, each time for a new server.
     */
    public static final class Builder {
        private @Nullable Path dataDir;
        private RateLimits rateLimits = RateLimits.NONE;
        private UnaryOperator<ServerConfig.Builder> more = UnaryOperator.identity();

        private Builder() {
        }

        /** Keep the data here instead of a temporary directory deleted at close. */
        public Builder dataDir(Path value) {
            dataDir = Objects.requireNonNull(value, "dataDir");
            return this;
        }

        /** Asana's real per-token limits instead of none (the default, so tests never meet a limit by accident). */
        public Builder asanaRateLimits() {
            rateLimits = RateLimits.ASANA_PAID_PLAN;
            return this;
        }

        /** Any other server setting, such as {@code c -> c.downloadUrlTtl(Duration.ofMinutes(5))}. */
        public Builder configure(UnaryOperator<ServerConfig.Builder> value) {
            UnaryOperator<ServerConfig.Builder> before = more;
            Objects.requireNonNull(value, "configure");
            more = c -> value.apply(before.apply(c));
            return this;
        }

        /**
         * Starts a server.
         *
         * @throws UncheckedIOException when the data directory cannot be made or is in use
         */
        public AttacheServer start() {
            RateLimits limits = rateLimits;
            EmbeddedServer.Builder server = EmbeddedServer.builder().configure(c -> c.rateLimits(limits)).configure(more);
            if (dataDir != null) {
                server.dataDir(dataDir);
            }
            return new AttacheServer(server.start());
        }
    }
}
