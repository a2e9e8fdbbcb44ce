package dev.attache.server.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.Settings;
import dev.attache.server.signing.Secrets;

/**
 * First start on an empty database: a workspace, a user in it, and a personal access token written to
 * {@code <data dir>/dev-token} (mode 0600), so the server is usable at once. When several nodes of a
 * cluster start on one empty database at the same moment, exactly one of them seeds it.
 */
public final class Bootstrap {

    /** What a first start created; the token is the only copy outside the dev-token file. */
    public record FirstStart(Workspace workspace, User user, String token) {
        @Override
        public String toString() {
            return "FirstStart[workspace=" + workspace + ", user=" + user + ", token=<redacted>]";
        }
    }

    private static final String MARKER = "bootstrapped_at";

    private final Jdbc jdbc;
    private final Settings settings;
    private final DirectoryStore directory;
    private final TokenStore tokens;
    private final Clock clock;

    public Bootstrap(Jdbc jdbc, DirectoryStore directory, TokenStore tokens, Clock clock) {
        this.jdbc = jdbc;
        this.settings = new Settings(jdbc);
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Seeds an empty database and writes the dev-token file; empty when the database was seeded before. */
    public Optional<FirstStart> seedIfEmpty(Path dataDir) throws IOException {
        Optional<FirstStart> first = seedIfEmpty();
        if (first.isPresent()) {
            writeDevToken(dataDir, first.get());
        }
        return first;
    }

    /**
     * Seeds an empty database in one transaction, marked so that only one caller ever seeds: a second
     * node's marker insert waits for the first one's transaction and then finds the marker.
     *
     * @return what was created, or empty when the database was seeded before (by this or another node)
     */
    public Optional<FirstStart> seedIfEmpty() {
        return jdbc.inTransaction(c -> {
            if (!settings.insertIfAbsent(MARKER, Long.toString(clock.millis())) || !directory.users().isEmpty()) {
                // The second test covers databases seeded before the marker existed.
                return Optional.empty();
            }
            Workspace workspace = directory.createWorkspace("My Workspace");
            User user = directory.createUser("Attaché Developer", "dev@attache.local");
            directory.addMember(workspace.gid(), user.gid());
            String token = tokens.issue(user.gid(), TokenKind.PERSONAL, Scope.all(), "dev-token").token();
            return Optional.of(new FirstStart(workspace, user, token));
        });
    }

    /** Writes a first start's token to {@code <data dir>/dev-token}, readable by its owner only. */
    public static void writeDevToken(Path dataDir, FirstStart first) throws IOException {
        Files.createDirectories(dataDir);
        Secrets.writePrivate(devTokenFile(dataDir), first.token() + "\n");
    }

    /** Where the development token lives. */
    public static Path devTokenFile(Path dataDir) {
        return dataDir.resolve("dev-token");
    }

    /** The development token, if the file is there. */
    public static Optional<String> readDevToken(Path dataDir) throws IOException {
        Path file = devTokenFile(dataDir);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
    }

}
