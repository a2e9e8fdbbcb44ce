package dev.attache.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.attache.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The console's page, styles and scripts, read once from the jar. Only the files listed here are
 * served, each with headers that keep the page from loading anything but itself and the server's
 * own API and downloads.
 */
final class ConsoleAssets {

    private static final String ROOT = "console/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "browse.js", "text/javascript; charset=utf-8",
            "details.js", "text/javascript; charset=utf-8",
            "uploads.js", "text/javascript; charset=utf-8");
    /**
     * Scripts and styles only from here; images and media from anywhere because a {@code download_url}
     * may point at object storage and neither can run code; no frames, plugins or foreign forms.
     */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src * data: blob:; media-src *; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> files;

    private ConsoleAssets(Map<String, byte[]> files) {
        this.files = files;
    }

    /** Reads every asset from the classpath; fails if one is missing from the jar. */
    static ConsoleAssets load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("console asset missing from the jar: " + name);
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ConsoleAssets(Map.copyOf(files));
    }

    void register(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.GET, "/", ctx -> serve(ctx, "index.html"));
        config.routes.addHttpHandler(HandlerType.GET, "/console", ctx -> serve(ctx, "index.html"));
        config.routes.addHttpHandler(HandlerType.GET, "/console/", ctx -> serve(ctx, "index.html"));
        config.routes.addHttpHandler(HandlerType.GET, "/console/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private void serve(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) {
            throw ApiException.noRoute();
        }
        ctx.header("Content-Type", TYPES.get(name));
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        ctx.status(200).result(body);
    }
}
