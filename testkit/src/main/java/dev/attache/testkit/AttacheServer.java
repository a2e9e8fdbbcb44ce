package dev.attache.testkit;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.AttachmentsApiBuilder;
import dev.attache.client.ParentGid;
import dev.attache.server.embedded.EmbeddedServer;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;

/**
 * A real Attaché server in this JVM, on a free port of 127.0.0.1, over SQLite and files in a data
 * directory of its own. Asana's clients, our {@link AttachmentsApi} and curl all work against
 * {@link #apiBaseUri()} unchanged. Tests can make it misbehave through {@link #faults()} and move its
 * time with {@link #clock()}. Thread-safe; close it to stop the server and delete a temporary data
 * directory.
 *
 * <pre>{@code
 * try (AttacheServer server = AttacheServer.start()) {
 *     ParentGid task = server.createTask("Invoices");
 *     Attachment a = server.client().createAttachmentForObject(task,
 *             Upload.bytes("a.txt", "hi".getBytes())).join();
 * }
 * }</pre>
 */
public final class AttacheServer implements AutoCloseable {

    private final EmbeddedServer server;
    private final boolean selfSignedTls;
    private final AttachmentsApi client;
    private final Faults faults;
    private final ServerClock clock;

    private AttacheServer(EmbeddedServer server, boolean selfSignedTls) {
        this.server = server;
        this.selfSignedTls = selfSignedTls;
        this.client = client(server.token());
        this.faults = new Faults(server.faults());
        this.clock = new ServerClock(server.clock());
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

    /** The developer: the user {@link #token()} belongs to, with that token. */
    public WorkspaceUser developer() {
        return new WorkspaceUser(server.userGid(), server.token());
    }

    /** The gid of the workspace the developer and every user created here belong to. */
    public String workspaceGid() {
        return server.workspaceGid();
    }

    /** Where the database and the blobs are. */
    public Path dataDir() {
        return server.dataDir();
    }

    /** A new task in the workspace, created by the developer. */
    public ParentGid createTask(String name) {
        return ParentGid.of(server.createTask(name));
    }

    /** A new project in the workspace, created by the developer. */
    public ParentGid createProject(String name) {
        return ParentGid.of(server.createProject(name));
    }

    /**
     * A new member of the workspace with a token of its own. With no scopes the token is a personal
     * access token, which has them all; with scopes it is an OAuth token limited to them.
     */
    public WorkspaceUser createUser(String name, TokenScope... scopes) {
        String[] names = Arrays.stream(scopes).map(TokenScope::asanaName).toArray(String[]::new);
        String gid = server.createUser(name, names);
        return new WorkspaceUser(gid, server.tokenOf(gid));
    }

    /** Our client, pointed at this server with the developer's token. Shared; safe to use from many threads. */
    public AttachmentsApi client() {
        return client;
    }

    /** A new client of ours pointed at this server with a token of your choosing; close it when done. */
    public AttachmentsApi client(String token) {
        AttachmentsApiBuilder builder = AttachmentsApi.builder().baseUri(apiBaseUri()).token(token);
        if (selfSignedTls) {
            builder.trustedCertificates(selfSignedCertificate());
        }
        return builder.build();
    }

    /** Faults on demand for the next requests that match a route. */
    public Faults faults() {
        return faults;
    }

    /** The server's time, which a test can move forward so download URLs and offset tokens expire without waiting. */
    public ServerClock clock() {
        return clock;
    }

    /**
     * The PEM file of the certificate the server made for itself, for clients to trust.
     *
     * @throws IllegalStateException when the server was not started with {@link Builder#selfSignedTls()}
     */
    public Path selfSignedCertificate() {
        if (!selfSignedTls) {
            throw new IllegalStateException("this server speaks plain HTTP; start it with selfSignedTls() for a certificate");
        }
        return TlsKeys.selfSignedCertificate(dataDir());
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
     * every workspace, user, token, task, project and attachment created since removed. The developer's
     * token and workspace stay the same.
     */
    public void reset() {
        server.reset();
    }

    /** Stops the server and deletes a temporary data directory. */
    @Override
    public void close() {
        client.close();
        server.close();
    }

    /**
     * Settings for a server, each starting at its default. Not thread-safe; {@link #start()} may be
     * called more than once, each time for a new server.
     */
    public static final class Builder {
        private @Nullable Path dataDir;
        private boolean asanaRateLimits;
        private @Nullable Duration downloadUrlTtl;
        private @Nullable Duration offsetTokenTtl;
        private boolean selfSignedTls;

        private Builder() {
        }

        /**
         * Keep the data here instead of in a temporary directory deleted at close; a directory a server
         * has used before starts with that server's data.
         */
        public Builder dataDir(Path value) {
            dataDir = Objects.requireNonNull(value, "dataDir");
            return this;
        }

        /** Asana's real per-token limits instead of none (the default, so tests never meet a limit by accident). */
        public Builder asanaRateLimits() {
            asanaRateLimits = true;
            return this;
        }

        /** How long a download URL works after it was handed out: 30 minutes unless set, at least 2. */
        public Builder downloadUrlTtl(Duration value) {
            downloadUrlTtl = Objects.requireNonNull(value, "downloadUrlTtl");
            return this;
        }

        /** How long a page's offset token works after it was handed out: 15 minutes unless set. */
        public Builder offsetTokenTtl(Duration value) {
            offsetTokenTtl = Objects.requireNonNull(value, "offsetTokenTtl");
            return this;
        }

        /**
         * HTTPS with a certificate the server makes for itself, as {@code attache serve --tls-self-signed}
         * does; {@link AttacheServer#selfSignedCertificate()} is the file to trust, and
         * {@link AttacheServer#client()} trusts it already.
         */
        public Builder selfSignedTls() {
            selfSignedTls = true;
            return this;
        }

        /**
         * Starts a server.
         *
         * @throws UncheckedIOException when the data directory cannot be made or is in use
         * @throws IllegalArgumentException when a setting is out of range, such as a download URL
         *         lifetime under 2 minutes
         */
        public AttacheServer start() {
            RateLimits limits = asanaRateLimits ? RateLimits.ASANA_PAID_PLAN : RateLimits.NONE;
            Duration urls = downloadUrlTtl;
            Duration offsets = offsetTokenTtl;
            boolean tls = selfSignedTls;
            EmbeddedServer.Builder server = EmbeddedServer.builder().configure(c -> {
                c.rateLimits(limits);
                if (urls != null) {
                    c.downloadUrlTtl(urls);
                }
                if (offsets != null) {
                    c.offsetTokenTtl(offsets);
                }
                if (tls) {
                    c.tls(TlsSource.selfSigned());
                }
                return c;
            });
            if (dataDir != null) {
                server.dataDir(dataDir);
            }
            return new AttacheServer(server.start(), tls);
        }
    }
}
