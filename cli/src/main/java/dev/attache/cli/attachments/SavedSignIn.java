package dev.attache.cli.attachments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.attache.cli.signin.SignIn;
import dev.attache.cli.signin.SignInFile;

/**
 * The sign-in {@code attache login} saved, with the file it came from as a person would write it.
 *
 * @param signIn the host, token and CA file
 * @param shown  the file's path, under {@code ~/} when it is in the home directory
 */
record SavedSignIn(SignIn signIn, String shown) {

    private static final String TOKEN_SOURCE = "the token saved by 'attache login' in ";

    /**
     * The saved sign-in, when there is one.
     *
     * @throws UsageException naming the file when it cannot be read or is not one {@code attache login} wrote
     */
    static Optional<SavedSignIn> read(Environment env) {
        Optional<SignInFile> file = file(env);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return file.get().read().map(signIn -> new SavedSignIn(signIn, shown(file.get().path(), env)));
        } catch (IOException e) {
            String why = Failures.fileSystem(e);
            throw new UsageException("the sign-in saved in " + shown(file.get().path(), env) + " cannot be used ("
                    + why + "); run 'attache login' again, or 'attache logout' to remove it.", e);
        }
    }

    /** Where the environment says the sign-in is kept: {@code $XDG_CONFIG_HOME/attache/credentials} or under {@code HOME}. */
    static Optional<SignInFile> file(Environment env) {
        return SignInFile.locate(env.get("XDG_CONFIG_HOME").orElse(null), env.get("HOME").orElse(null));
    }

    /** {@code path}, with the home directory written {@code ~}. */
    static String shown(Path path, Environment env) {
        Optional<Path> home = env.get("HOME").map(Path::of).filter(Path::isAbsolute);
        if (home.isPresent() && path.startsWith(home.get()) && !path.equals(home.get())) {
            return "~/" + home.get().relativize(path);
        }
        return path.toString();
    }

    /** Whether {@code connection}'s token is the saved one, so a refusal can say to sign in again. */
    static boolean isSourceOf(Connection connection) {
        return connection.tokenSource().startsWith(TOKEN_SOURCE);
    }

    /** The token source named when the server refuses the token. */
    String tokenSource() {
        return TOKEN_SOURCE + shown;
    }
}
