package dev.attache.server.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a cluster's PostgreSQL database is: a JDBC URL plus the user and password taken out of it, so
 * the password never appears in the URL that logs and messages show. Accepts
 * {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?PARAMS]} (also {@code postgres://}) and
 * {@code jdbc:postgresql://HOST[:PORT]/DB[?user=..&password=..]}.
 *
 * @param jdbcUrl  the URL PgJDBC connects to, without user information
 * @param user     the user, or {@code null} to let PgJDBC decide (the URL's {@code user} parameter)
 * @param password the password, or {@code null}; never shown by {@link #toString()}
 */
public record PostgresUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");

    public PostgresUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Reads a database URL as given to {@code --database}.
     *
     * @throws IllegalArgumentException naming the expected forms when the URL is not a PostgreSQL URL
     */
    public static PostgresUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(url, null, null);
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw invalid(url, "it must start with postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, e.getReason());
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() <= 1) {
            throw invalid(url, "it names no database after the host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresUrl("jdbc:postgresql://" + host + path + query, user, password);
    }

    /** The URL with any password replaced by {@code ***}, fit for logs and messages. */
    public String redacted() {
        String shown = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1***");
        return (user == null ? "" : "user " + user + " at ") + shown;
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + redacted() + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        String shown = url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
        return new IllegalArgumentException("--database " + shown + " is not a PostgreSQL URL: " + why
                + " (expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DB or jdbc:postgresql://HOST[:PORT]/DB)");
    }
}
