package dev.attache.server.download;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.attachments.AttachmentService;
import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.auth.Authenticator;
import dev.attache.server.auth.Principal;
import dev.attache.server.auth.Scope;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.Compression;
import dev.attache.server.ids.Gid;
import dev.attache.server.ops.ServerMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

/**
 * The byte routes of docs/api.md §6: the signed {@code download_url} (GET and HEAD, with Range, ETag and
 * Last-Modified) and the bearer-authenticated {@code permanent_url}, which redirects to a fresh signed URL.
 */
public final class DownloadRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadRoutes.class);
    /** Types a browser would execute in our origin; served as opaque bytes instead. */
    private static final Set<String> ACTIVE_TYPES = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/javascript", "application/javascript", "application/ecmascript",
            "text/ecmascript", "application/x-javascript", "text/xsl", "application/wasm");
    /** RFC 9110 IMF-fixdate; RFC_1123_DATE_TIME would write the 3rd as "3", not "03". */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final AttachmentService attachments;
    private final DownloadUrls urls;
    private final Authenticator authenticator;
    private final ServerMetrics metrics;

    public DownloadRoutes(AttachmentService attachments, DownloadUrls urls, Authenticator authenticator,
                          ServerMetrics metrics) {
        this.attachments = attachments;
        this.urls = urls;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    /** Registers the routes. */
    public void register(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.GET, DownloadUrls.PATH, ctx -> download(ctx, true));
        config.routes.addHttpHandler(HandlerType.HEAD, DownloadUrls.PATH, ctx -> download(ctx, false));
        config.routes.addHttpHandler(HandlerType.GET, "/app/asana/-/get_asset", this::permanent);
    }

    private void download(Context ctx, boolean withBody) throws IOException {
        // The bytes go out exactly as stored, past the compressor (BlobBody), whatever the client accepts.
        Compression.bypassedBy(ctx);
        Gid gid = Gid.parse(ctx.pathParam("attachment_gid"))
                .orElseThrow(() -> ApiException.invalid("attachment", "Not a recognized ID: " + ctx.pathParam("attachment_gid")));
        if (!urls.isValid(gid.value(), ctx.queryParam("expires"), ctx.queryParam("signature"))) {
            throw ApiException.forbidden("download_url: The link is invalid or has expired");
        }
        AttachmentService.Download found = attachments.download(gid.value())
                .orElseThrow(() -> ApiException.unknownId("attachment", gid.text()));
        Attachment a = found.attachment();
        long size = found.blob().size();
        String etag = etag(a);
        for (HttpField field : headers(a)) {
            ctx.header(field.getName(), field.getValue());
        }

        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        Optional<ByteRange> range = rangeToServe(ctx, etag, size);
        long offset = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        if (range.isPresent()) {
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + size);
        } else {
            ctx.status(200);
        }
        ctx.header("Content-Length", Long.toString(length));
        if (withBody) {
            stream(ctx, found, offset, length);
        }
    }

    private Optional<ByteRange> rangeToServe(Context ctx, String etag, long size) {
        String header = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        if (header == null || (ifRange != null && !ifRange.strip().equals(etag))) {
            return Optional.empty();
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(header, size);
        } catch (ByteRange.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw ApiException.rangeNotSatisfiable("Range: Not satisfiable for a file of " + size + " bytes");
        }
        return range;
    }

    /**
     * Sends the bytes. A failure before anything was committed (the store did not answer the GET, or sent
     * nothing of the body) leaves room for an error answer: the headers about the bytes go, and the failure
     * goes on to the error mapping (503 when the store stands still). Once the status line and part of
     * the body are on their way no answer can follow, so the response is aborted: the connection closes
     * short of {@code Content-Length}, which every HTTP client reports as a failed download, never as a
     * whole file, and nothing else is written into the body.
     */
    private void stream(Context ctx, AttachmentService.Download found, long offset, long length) throws IOException {
        try {
            BlobBody.write(ctx.req(), ctx.res(), found.blob(), offset, length, metrics::downloadedBytes);
        } catch (IOException | RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                ctx.res().resetBuffer();
                for (HttpField field : headers(found.attachment())) {
                    ctx.res().setHeader(field.getName(), null);
                }
                ctx.res().setHeader("Content-Length", null);
                ctx.res().setHeader("Content-Range", null);
                throw e;
            }
            ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
            if (e instanceof EofException) {
                LOG.debug("download of {} cut off: the client went away", found.attachment().gid());
            } else {
                LOG.warn("download of {} cut off mid-body: {}", found.attachment().gid(), e.getMessage());
            }
        }
    }

    private void permanent(Context ctx) {
        Optional<Principal> principal = authenticator.principal(ctx);
        if (principal.isEmpty()) {
            throw ApiException.forbidden("Not Authorized");
        }
        principal.get().require(Scope.READ);
        String raw = ctx.queryParam("asset_id");
        if (raw == null || raw.isEmpty()) {
            throw ApiException.missing("asset_id");
        }
        Gid gid = Gid.parse(raw).orElseThrow(() -> ApiException.invalid("asset_id", "Not a recognized ID: " + raw));
        AttachmentStore.Located found = attachments.locateUpload(gid.value(), principal.get().userGid())
                .orElseThrow(() -> ApiException.unknownId("asset_id", raw));
        if (!found.visible()) {
            throw ApiException.forbidden("attachment: Forbidden");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(urls.urlFor(found.attachment().gid()), HttpStatus.FOUND);
    }

    static String etag(Attachment a) {
        return "\"" + a.sha256() + "\"";
    }

    /** The headers of every answer about an attachment's bytes, whole or in part, but its length and range. */
    static List<HttpField> headers(Attachment a) {
        return List.of(
                new HttpField("ETag", etag(a)),
                new HttpField("Last-Modified", httpDate(a.createdAt())),
                new HttpField("Accept-Ranges", "bytes"),
                new HttpField("X-Content-Type-Options", "nosniff"),
                new HttpField("Content-Security-Policy", "sandbox; default-src 'none'"),
                new HttpField("Cache-Control", "private, max-age=0"),
                new HttpField("Content-Disposition", contentDisposition(a.name())),
                new HttpField("Content-Type", servedType(a.contentType())));
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static String servedType(String stored) {
        String type = stored == null ? "application/octet-stream" : stored;
        String bare = (type.contains(";") ? type.substring(0, type.indexOf(';')) : type).strip().toLowerCase(Locale.ROOT);
        return ACTIVE_TYPES.contains(bare) || bare.endsWith("+xml") ? "application/octet-stream" : type;
    }

    /** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' ? (char) cp : '_'));
        // URLEncoder leaves '*' bare, but RFC 8187's attr-char does not allow it.
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
