package dev.attache.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

import io.javalin.http.Context;

/**
 * The headers every API answer carries: the contract's exact {@code Content-Type} and
 * {@code X-Content-Type-Options: nosniff}, so no browser reads a JSON body as anything else, and
 * {@code Vary: Accept-Encoding}, since any of these answers is compressed when it is large enough and
 * the client accepts it ({@link Compression}), an error answer of a download route among them.
 */
public final class ApiHeaders {

    /** Contract §1, byte for byte. */
    public static final String JSON_CONTENT_TYPE = "application/json; charset=UTF-8";

    static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, JSON_CONTENT_TYPE);
    static final HttpField NOSNIFF = new HttpField("X-Content-Type-Options", "nosniff");

    private ApiHeaders() {
    }

    /**
     * Sets the headers on a Javalin response. The servlet layer rewrites any JSON content type it
     * recognises into its own spelling ({@code application/json;charset=utf-8}), so the field goes onto
     * the Jetty response beneath it, which sends header values as given.
     */
    static void set(Context ctx) {
        ctx.res().setContentType(null);
        var beneath = Compression.fieldsOf(ctx);
        beneath.put(CONTENT_TYPE);
        beneath.put(NOSNIFF);
        beneath.ensureField(Compression.VARY);
    }
}
