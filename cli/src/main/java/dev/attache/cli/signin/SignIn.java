package dev.attache.cli.signin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A saved sign-in: the server and the token that {@code attache login} checked against it.
 *
 * @param host   the API root, such as {@code https://attache.example.com/api/1.0}
 * @param token  the token; never printed, so {@link #toString()} leaves it out
 * @param caFile the PEM file to trust for an https host with a private certificate, or null for the JDK's trust store
 */
public record SignIn(URI host, String token, @Nullable Path caFile) {

    /**
     * Checks the components: none may hold a line break, which would end its line in the file.
     *
     * @throws IllegalArgumentException when one does
     */
    public SignIn {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is blank");
        }
        for (String value : new String[] {host.toString(), token, caFile == null ? "" : caFile.toString()}) {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a sign-in value holds a line break");
            }
        }
    }

    @Override
    public String toString() {
        return "SignIn[host=" + host + ", token=<redacted>, caFile=" + caFile + "]";
    }
}
