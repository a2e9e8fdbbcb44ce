package dev.attache.server.attachments;

import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.ApiGate;
import dev.attache.server.auth.ApiRoutes;
import dev.attache.server.auth.Scope;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.Compression;
import dev.attache.server.http.DirectAnswer;
import dev.attache.server.http.DirectRoute;
import dev.attache.server.http.Json;
import dev.attache.server.http.OptFields;
import dev.attache.server.ids.Gid;

/**
 * {@code GET /attachments/{attachment_gid}} for the common request, on Jetty's core API: a bearer token
 * with the read scope, an attachment the caller may see, at most a plain {@code opt_fields}. It passes
 * the same {@link ApiGate} as the framework route, holding the in-flight slot over the same work, so a
 * request the limits refuse is answered 429 before any read. What it cannot answer exactly as
 * {@link AttachmentRoutes} would is left to that route: before the gate, without changing anything (no
 * or unknown token, no read scope, {@code opt_pretty}, an encoded query); after it, with the admission
 * handed over (a missing or hidden attachment, an answer large enough to compress).
 */
public final class DirectAttachmentGet implements DirectRoute {

    static final String PREFIX = ApiRoutes.PREFIX + "/attachments/";
    private static final String ROUTE = ApiRoutes.PREFIX + "/attachments/{attachment_gid}";
    private static final String OPT_FIELDS = "opt_fields=";

    private final ApiGate gate;
    private final AttachmentService service;
    private final AttachmentView view;
    private final Json json;

    public DirectAttachmentGet(ApiGate gate, AttachmentService service, AttachmentView view, Json json) {
        this.gate = gate;
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
        if (gid.isEmpty()) {
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
        Optional<ApiGate.Admission> admitted;
        try {
            admitted = gate.admitRead(request, Scope.READ);
        } catch (ApiException refused) {
            return DirectAnswer.error(refused, json, ROUTE);
        }
        if (admitted.isEmpty()) {
            return null;
        }
        try (ApiGate.Admission admission = admitted.get()) {
            try {
                return answer(request, admission, gid.get(), optFields);
            } catch (RuntimeException declined) {
                // DirectRoutes leaves a failure to the framework route (or answers 503 itself): not a second admission.
                admission.handOver();
                throw declined;
            }
        }
    }

    private @Nullable DirectAnswer answer(Request request, ApiGate.Admission admission, Gid gid, @Nullable String optFields) {
        AttachmentService.AttachmentOnParent found;
        try {
            found = service.get(admission.principal(), gid);
        } catch (ApiException notFoundOrHidden) {
            admission.handOver();
            return null;
        }
        byte[] body = json.bytes(Map.of("data", view.full(found.attachment(), found.parent(), OptFields.parse(optFields))));
        if (body.length >= Compression.MIN_BYTES && request.getHeaders().contains(HttpHeader.ACCEPT_ENCODING)) {
            admission.handOver();
            return null;
        }
        return DirectAnswer.json(200, body, ROUTE);
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
