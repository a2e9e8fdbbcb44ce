package dev.attache.server.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.signing.Secrets;

/**
 * First start on an empty data directory: a workspace, a user in it, and a personal access token
 * written to {@code <data dir>/dev-token} (mode 0600), so the server is usable at once.
 */
public final class Bootstrap {

    /** What a first start created; the token is the only copy outside the dev-token file. */
    public record FirstStart(Workspace workspace, User user, String token) {
        @Override
        public String toString() {
            return "FirstStart[workspace=" + workspace + ", user=" + user + ", token=<redacted>]";
        }
    }

    private final DirectoryStore directory;
    private final TokenStore tokens;

    public Bootstrap(DirectoryStore directory, TokenStore tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    /** Seeds an empty database; empty when it already had users. */
    public Optional<FirstStart> seedIfEmpty(Path dataDir) throws IOException {
        if (!directory.users().isEmpty()) {
            return Optional.empty();
        }
        Workspace workspace = directory.createWorkspace("My Workspace");
        User user = directory.createUser("Attaché Developer", "dev@attache.local");
        directory.addMember(workspace.gid(), user.gid());
        String token = tokens.issue(user.gid(), TokenKind.PERSONAL, Scope.all(), "dev-token").token();
        Secrets.writePrivate(devTokenFile(dataDir), token + "\n");
        return Optional.of(new FirstStart(workspace, user, token));
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
