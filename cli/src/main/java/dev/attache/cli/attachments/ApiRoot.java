package dev.attache.cli.attachments;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Reads {@code --host} the ways people write it: the API root
 * ({@code http://127.0.0.1:8080/api/1.0}), a server root ({@code http://127.0.0.1:8080}, to which
 * {@code /api/1.0} is added) or {@code host:port} (http for a loopback host, else https).
 */
final class ApiRoot {

    static final String API_PATH = "/api/1.0";

    private ApiRoot() {
    }

    /**
     * The API root {@code host} names.
     *
     * @throws UsageException when it is neither a URL nor {@code host[:port]}
     */
    static URI parse(String host) {
        String text = host.strip();
        if (!text.contains("://")) {
            String authority = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
            String scheme = ConnectionOptions.isLoopback(URI.create("http://" + safe(authority, host))) ? "http" : "https";
            text = scheme + "://" + text;
        }
        URI uri = uri(text, host);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid(host);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.isEmpty() || path.equals("/")) {
            return uri(scheme + "://" + uri.getRawAuthority() + API_PATH, host);
        }
        return path.endsWith("/") ? uri(text.substring(0, text.length() - 1), host) : uri;
    }

    private static String safe(String authority, String host) {
        uri("http://" + authority, host);
        return authority;
    }

    private static URI uri(String text, String host) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(host);
        }
    }

    private static UsageException invalid(String host) {
        return new UsageException("--host '" + host + "' is neither a URL (http://127.0.0.1:8080/api/1.0) "
                + "nor host:port (127.0.0.1:8080)");
    }
}
