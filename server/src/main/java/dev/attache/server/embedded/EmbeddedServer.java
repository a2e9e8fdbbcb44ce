package dev.attache.server.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.admin.Admin;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.User;
import dev.attache.server.faults.FaultPlan;
import dev.attache.server.faults.ShiftableClock;
import dev.attache.server.faults.TestControls;
import dev.attache.server.ratelimit.RateLimits;

/**
 * A real Attaché server in this JVM, on a free port of 127.0.0.1, over SQLite and files in a data
 * directory, for tests: the developer's token and workspace from the first start, tasks, projects,
 * briefs and users made through the admin API rather than over HTTP, and the {@link TestControls}
 * (faults, a clock to move, a reset of the data) unless they are turned off. Thread-safe; close it
 * to stop the server and delete a temporary data directory.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start()) {
 *     String task = server.createTask("Invoices");
 *     // call server.apiBaseUri() with server.token()
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {

    private final App app;
    private final @Nullable TestControls controls;
    private final Path dataDir;
    private final @Nullable Path temporaryDir;
    private final String token;
    private final long devUserGid;
    private final long workspaceGid;
    private final Map<String, String> userTokens = new ConcurrentHashMap<>();

    private EmbeddedServer(App app, @Nullable TestControls controls, Path dataDir, @Nullable Path temporaryDir) {
        this.app = app;
        this.controls = controls;
        this.dataDir = dataDir;
        this.temporaryDir = temporaryDir;
        this.token = app.devToken();
        this.devUserGid = AccessTokens.parse(token)
                .orElseThrow(() -> new IllegalStateException("the dev token does not have the shape of an access token"))
                .userGid();
        this.workspaceGid = app.admin().memberships().stream().filter(m -> m.userGid() == devUserGid)
                .findFirst().orElseThrow(() -> new IllegalStateException("the dev user belongs to no workspace"))
                .workspaceGid();
    }

    /** A server with the defaults: no rate limits, test controls on, a temporary data directory. */
    public static EmbeddedServer start() {
        return builder().start();
    }

    /** Settings for a server; finish with {@link Builder#start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The API root, such as {@code http://127.0.0.1:41234/api/1.0}. */
    public URI apiBaseUri() {
        return app.apiBaseUri();
    }

    /** The server root, where {@code /health}, {@code /metrics} and the {@code /_test} control routes live. */
    public URI baseUri() {
        return app.baseUri();
    }

    /** The developer's personal access token: every scope, member of {@link #workspaceGid()}. */
    public String token() {
        return token;
    }

    /** The workspace the developer and every user created here belong to. */
    public String workspaceGid() {
        return Long.toString(workspaceGid);
    }

    /** The developer user's gid. */
    public String userGid() {
        return Long.toString(devUserGid);
    }

    /** Where the database and the blobs are. */
    public Path dataDir() {
        return dataDir;
    }

    /** A new task in the workspace, created by the developer; its gid. */
    public String createTask(String name) {
        return Long.toString(app.admin().createParent(ParentType.TASK, workspaceGid, name, devUserGid).gid());
    }

    /** A new project in the workspace, created by the developer; its gid. */
    public String createProject(String name) {
        return Long.toString(app.admin().createParent(ParentType.PROJECT, workspaceGid, name, devUserGid).gid());
    }

    /**
     * A new brief of a project, created by the developer, with a title and no text; its gid.
     *
     * @throws dev.attache.server.admin.AdminTargetNotFoundException when there is no such project
     */
    public String createBrief(String projectGid, String title) {
        return Long.toString(app.admin().createBrief(Long.parseLong(projectGid), title, null, devUserGid).gid());
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
        Objects.requireNonNull(name, "name");
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String scope : scopes) {
            granted.addAll(Scope.parse(scope).orElseThrow(() -> new IllegalArgumentException(
                    "scopes: unknown scope \"" + scope + "\"; use attachments:read, attachments:write or attachments:delete")));
        }
        Admin admin = app.admin();
        User user = admin.createUser(name, emailFor(name), workspaceGid);
        TokenKind kind = scopes.length == 0 ? TokenKind.PERSONAL : TokenKind.OAUTH;
        String issued = admin.issueToken(user.gid(), kind, granted, "embedded").token();
        String gid = Long.toString(user.gid());
        userTokens.put(gid, issued);
        return gid;
    }

    private String emailFor(String name) {
        String local = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        return (local.isEmpty() ? "user" : local) + "." + (userTokens.size() + 1) + "." + System.nanoTime() + "@example.com";
    }

    /**
     * The token of a user made by {@link #createUser(String, String...)}.
     *
     * @throws IllegalArgumentException when this server made no such user
     */
    public String tokenOf(String userGid) {
        String found = userTokens.get(userGid);
        if (found == null) {
            throw new IllegalArgumentException("userGid: no user " + userGid + " was created by createUser");
        }
        return found;
    }

    /**
     * The faults waiting to happen to the next requests that match a route.
     *
     * @throws IllegalStateException when the test controls are off
     */
    public FaultPlan faults() {
        return controls().faults();
    }

    /**
     * The server's clock: its base time plus whatever a test has added with
     * {@link ShiftableClock#advance(Duration)}, so download URLs and offset tokens expire without waiting.
     *
     * @throws IllegalStateException when the test controls are off
     */
    public ShiftableClock clock() {
        return controls().clock();
    }

    /**
     * The bearer token of the {@code /_test} control routes under {@link #baseUri()}.
     *
     * @throws IllegalStateException when the test controls are off
     */
    public String controlToken() {
        return controls().controlToken();
    }

    /**
     * Clears the faults and sets the clock back to its base time; data stays.
     *
     * @throws IllegalStateException when the test controls are off
     */
    public void clearFaults() {
        TestControls on = controls();
        on.faults().clear();
        on.clock().reset();
    }

    /**
     * Back to how it was after start, without a restart: faults cleared, clock back to its base time,
     * and every workspace, user, token, task, project and attachment created since removed. The token
     * and workspace stay the same.
     *
     * @throws IllegalStateException when the test controls are off
     */
    public void reset() {
        controls().reset();
        userTokens.clear();
    }

    private TestControls controls() {
        if (controls == null) {
            throw new IllegalStateException("the test controls are off for this server; start it without withoutTestControls()");
        }
        return controls;
    }

    /** The server underneath, for what this class does not cover. */
    public App app() {
        return app;
    }

    /** Stops the server and deletes a temporary data directory. */
    @Override
    public void close() {
        app.close();
        if (temporaryDir != null) {
            deleteRecursively(temporaryDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /**
     * Settings for a server, each starting at its default. Not thread-safe; {@link #start()} may be
     * called more than once, each time for a new server.
     */
    public static final class Builder {
        private @Nullable Path dataDir;
        private @Nullable BlobStore blobs;
        private @Nullable Clock clock;
        private boolean testControls = true;
        private UnaryOperator<ServerConfig.Builder> more = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * Keep the data here instead of in a temporary directory deleted at close; a directory a
         * server has used before starts with that server's data.
         */
        public Builder dataDir(Path value) {
            dataDir = Objects.requireNonNull(value, "dataDir");
            return this;
        }

        /** Any server setting, such as {@code c -> c.downloadUrlTtl(Duration.ofMinutes(5))}; applied in order. */
        public Builder configure(UnaryOperator<ServerConfig.Builder> value) {
            Objects.requireNonNull(value, "configure");
            UnaryOperator<ServerConfig.Builder> before = more;
            more = c -> value.apply(before.apply(c));
            return this;
        }

        /** The server's time before any test moves it (real time by default); the test controls shift it. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Bytes go through this store instead of the data directory's own (a faulty one, say). */
        public Builder blobs(BlobStore value) {
            blobs = Objects.requireNonNull(value, "blobs");
            return this;
        }

        /**
         * No test controls: no {@code /_test} routes and no fault handler, as {@code attache serve}
         * runs without {@code --test-controls}. A {@link #configure} step may then set a clock or
         * controls of its own.
         */
        public Builder withoutTestControls() {
            testControls = false;
            return this;
        }

        /**
         * Starts a server.
         *
         * @throws UncheckedIOException when the data directory cannot be made or is in use
         * @throws IllegalArgumentException when a setting is out of range, or a {@link #configure} step
         *         sets a clock of its own while the test controls are on (use {@link #clock(Clock)})
         */
        public EmbeddedServer start() {
            TestControls controls = testControls ? TestControls.create(clock == null ? Clock.systemUTC() : clock) : null;
            Path temporary = null;
            try {
                Path dir = dataDir;
                if (dir == null) {
                    temporary = Files.createTempDirectory("attache-embedded-");
                    dir = temporary;
                }
                ServerConfig.Builder config = ServerConfig.builder(dir).forTests().rateLimits(RateLimits.NONE);
                if (controls != null) {
                    config.testControls(controls);
                } else if (clock != null) {
                    config.clock(clock);
                }
                ServerConfig built = more.apply(config).build();
                App app = blobs == null ? App.start(built) : App.start(built, blobs);
                return new EmbeddedServer(app, controls, dir, temporary);
            } catch (IOException e) {
                if (temporary != null) {
                    deleteRecursively(temporary);
                }
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (temporary != null) {
                    deleteRecursively(temporary);
                }
                throw e;
            }
        }
    }
}
