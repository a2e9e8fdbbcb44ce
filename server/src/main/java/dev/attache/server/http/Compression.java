package dev.attache.server.http;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Where the server decides which answers may be compressed, and says so. Javalin gzips a framework
 * answer whose first write is at least {@link #MIN_BYTES}, of a type worth compressing, when the client
 * accepts gzip; any such answer's body depends on {@code Accept-Encoding}, so a cache must key on it.
 * Every framework answer is therefore marked {@code Vary: Accept-Encoding} here, before its route runs,
 * rather than by each route that writes a body: a new page, asset or probe carries it without anyone
 * remembering to. The direct routes, which never compress, copy the framework's headers ({@link DirectAnswer}).
 */
public final class Compression {

    /** Answers from this size are compressed when the client accepts it; smaller ones are sent as they are. */
    public static final int MIN_BYTES = 1500;

    static final HttpField VARY = new HttpField(HttpHeader.VARY, HttpHeader.ACCEPT_ENCODING.asString());

    private Compression() {
    }

    /** Compresses framework answers with gzip from {@link #MIN_BYTES}, each marked as varying by {@code Accept-Encoding}. */
    public static void register(JavalinConfig config) {
        CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
        gzip.setDefaultMinSizeForCompression(MIN_BYTES);
        config.http.compressionStrategy = gzip;
        config.routes.before(ctx -> fieldsOf(ctx).ensureField(VARY));
    }

    /**
     * Takes the mark off an answer whose body goes to the client past Javalin's compressor, exactly as
     * stored (a download's bytes): it never depends on {@code Accept-Encoding}. An error answer written
     * afterwards is JSON, which may be compressed, and is marked again ({@link ApiHeaders}).
     */
    public static void bypassedBy(Context ctx) {
        fieldsOf(ctx).remove(HttpHeader.VARY);
    }

    /**
     * The headers of the Jetty response beneath the servlet layer, which sends them as given (the servlet
     * layer rewrites some values into its own spelling).
     */
    static HttpFields.Mutable fieldsOf(Context ctx) {
        return ServletContextRequest.getServletContextRequest(ctx.req()).getServletContextResponse().getWrapped().getHeaders();
    }
}
