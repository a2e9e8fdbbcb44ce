package dev.attache.server.attachments;

import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.ApiRoutes;
import dev.attache.server.auth.Authenticator;
import dev.attache.server.auth.Principal;
import dev.attache.server.auth.Scope;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.DirectAnswer;
import dev.attache.server.http.DirectRoute;
import dev.attache.server.http.Json;
import dev.attache.server.http.OptFields;
import dev.attache.server.ids.Gid;
import dev.attache.server.ratelimit.RateLimiter;

/**
 * {@code GET /attachments/{attachment_gid}} for the common request, on Jetty's core API: a bearer token
 * with the read scope, an attachment the caller may see, at most a plain {@code opt_fields}. Anything
 * else (no or unknown token, a missing or hidden attachment, {@code opt_pretty}, an encoded query, an
 * answer large enough to compress) is left to {@link AttachmentRoutes}, which answers every case. All
 * of those checks are reads, made before the rate limiter counts the request, so declining changes
 * nothing; once admitted, the answer is this route's, a 429 included.
 */
public final class DirectAttachmentGet implements DirectRoute {

    static final String PREFIX = ApiRoutes.PREFIX + "/attachments/";
    private static final String ROUTE = ApiRoutes.PREFIX + "/attachments/{attachment_gid}";
    private static final String OPT_FIELDS = "opt_fields=";
    /** Javalin compresses answers from this size when the client accepts it; such answers stay with it. */
    private static final int COMPRESSED_FROM = 1500;

    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final AttachmentService service;
    private final AttachmentView view;
    private final Json json;

    public DirectAttachmentGet(Authenticator authenticator, RateLimiter limiter, AttachmentService service,
            AttachmentView view, Json json) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.service = service;
        this.view = view;
        this.json = json;
    }

    @Override
    public String pathPrefix() {
        return PREFIX;
    }

    @Override
    public @Nullable DirectAnswer answer(Request request) {
        Optional<Gid> gid = Gid.parse(request.getHttpURI().getPath().substring(PREFIX.length()));
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (gid.isEmpty() || authorization == null) {
            return null;
        }
        String query = request.getHttpURI().getQuery();
        String optFields = null;
        if (query != null && !query.isEmpty()) {
            optFields = plainOptFields(query);
            if (optFields == null) {
                return null;
            }
        }
        Optional<Principal> principal = authenticator.principal(authorization);
        if (principal.isEmpty() || !principal.get().has(Scope.READ)) {
            return null;
        }
        AttachmentService.AttachmentOnParent found;
        try {
            found = service.get(principal.get(), gid.get());
        } catch (ApiException notFoundOrHidden) {
            return null;
        }
        byte[] body = json.bytes(Map.of("data", view.full(found.attachment(), found.parent(), OptFields.parse(optFields))));
        if (body.length >= COMPRESSED_FROM && request.getHeaders().contains(HttpHeader.ACCEPT_ENCODING)) {
            return null;
        }
        try (RateLimiter.Permit admitted = limiter.acquire(principal.get().tokenGid(), false)) {
            return DirectAnswer.json(200, body, ROUTE);
        } catch (ApiException refused) {
            return DirectAnswer.error(refused, json, ROUTE);
        }
    }

    /**
     * The value of a query that is exactly one {@code opt_fields} of field names, dots and commas, or
     * null for any other query: those need the framework's decoding and parameter rules.
     */
    private static @Nullable String plainOptFields(String query) {
        if (!query.startsWith(OPT_FIELDS) || query.length() == OPT_FIELDS.length()) {
            return null;
        }
        for (int i = OPT_FIELDS.length(); i < query.length(); i++) {
            char c = query.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == ',';
            if (!plain) {
                return null;
            }
        }
        return query.substring(OPT_FIELDS.length());
    }
}
