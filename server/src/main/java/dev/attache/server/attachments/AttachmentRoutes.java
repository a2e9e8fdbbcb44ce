package dev.attache.server.attachments;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.attache.server.auth.ApiRoutes;
import dev.attache.server.auth.Principal;
import dev.attache.server.auth.Scope;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.Json;
import dev.attache.server.http.OptFields;
import dev.attache.server.http.PublicBase;
import dev.attache.server.http.RequestParams;
import dev.attache.server.ids.Gid;
import dev.attache.server.ops.ServerMetrics;
import io.javalin.http.Context;

/** The attachment routes of docs/api.md §4, including the two legacy task routes. */
public final class AttachmentRoutes {

    private final AttachmentService service;
    private final MultipartUploadReader reader;
    private final AttachmentView view;
    private final PageTokens pageTokens;
    private final Access access;
    private final Json json;
    private final PublicBase base;
    private final ServerMetrics metrics;

    public AttachmentRoutes(AttachmentService service, MultipartUploadReader reader, AttachmentView view, PageTokens pageTokens,
                     Access access, Json json, PublicBase base, ServerMetrics metrics) {
        this.service = service;
        this.reader = reader;
        this.view = view;
        this.pageTokens = pageTokens;
        this.access = access;
        this.json = json;
        this.base = base;
        this.metrics = metrics;
    }

    /** Registers the routes. */
    public void register(ApiRoutes api) {
        api.post("/attachments", Scope.WRITE, (ctx, p) -> upload(ctx, p, null));
        api.get("/attachments", Scope.READ, this::list);
        api.get("/attachments/{attachment_gid}", Scope.READ, this::get);
        api.delete("/attachments/{attachment_gid}", Scope.DELETE, this::delete);
        api.post("/tasks/{task_gid}/attachments", Scope.WRITE,
                (ctx, p) -> upload(ctx, p, RequestParams.pathGid(ctx, "task_gid", "task")));
        api.get("/tasks/{task_gid}/attachments", Scope.READ, this::listForTask);
    }

    private void upload(Context ctx, Principal principal, Gid fixedParent) throws Exception {
        metrics.uploadStarted();
        try (UploadForm form = reader.read(ctx.req().getInputStream(), ctx.header("Content-Type"),
                fields -> service.checkBeforeFile(principal, fields, fixedParent))) {
            AttachmentService.AttachmentOnParent created = service.create(principal, form, fixedParent);
            if (form.file() != null) {
                metrics.uploadedBytes(form.file().size());
            }
            String inQuery = RequestParams.optFields(ctx);
            OptFields fields = OptFields.parse(inQuery != null ? inQuery : form.field("opt_fields").orElse(null));
            json.data(ctx, 200, view.full(created.attachment(), created.parent(), fields));
        } finally {
            metrics.uploadFinished();
        }
    }

    private void get(Context ctx, Principal principal) {
        Gid gid = RequestParams.pathGid(ctx, "attachment_gid", "attachment");
        AttachmentService.AttachmentOnParent found = service.get(principal, gid);
        json.data(ctx, 200, view.full(found.attachment(), found.parent(), OptFields.parse(RequestParams.optFields(ctx))));
    }

    private void delete(Context ctx, Principal principal) {
        service.delete(principal, RequestParams.pathGid(ctx, "attachment_gid", "attachment"));
        json.data(ctx, 200, Map.of());
    }

    private void list(Context ctx, Principal principal) {
        Gid parentGid = RequestParams.requiredQueryGid(ctx, "parent");
        Parent parent = access.visibleParent(principal, parentGid, "parent");
        respondWithPage(ctx, principal, parent, "/attachments?parent=" + parent.gid());
    }

    private void listForTask(Context ctx, Principal principal) {
        Gid taskGid = RequestParams.pathGid(ctx, "task_gid", "task");
        Parent task = access.visibleParent(principal, taskGid, ParentType.TASK);
        respondWithPage(ctx, principal, task, "/tasks/" + task.gid() + "/attachments?");
    }

    private void respondWithPage(Context ctx, Principal principal, Parent parent, String pathStart) {
        Integer limit = limit(ctx.queryParam("limit"));
        String offset = ctx.queryParam("offset");
        Long after = offset == null || offset.isEmpty() ? null : pageTokens.afterGid(offset, parent.gid(), principal.userGid());
        String optFieldsParam = RequestParams.optFields(ctx);
        OptFields fields = OptFields.parse(optFieldsParam);

        AttachmentService.Listing page = service.list(principal, parent, limit, after);
        List<Map<String, Object>> items = page.items().stream()
                .map(a -> view.compact(a, page.parent(), fields)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", items);
        if (limit != null) {
            Long last = page.lastGid();
            body.put("next_page", last == null ? null
                    : nextPage(pathStart, limit, optFieldsParam, pageTokens.issue(parent.gid(), principal.userGid(), last)));
        }
        json.write(ctx, 200, body);
    }

    private Map<String, Object> nextPage(String pathStart, int limit, String optFields, String token) {
        StringBuilder path = new StringBuilder(pathStart);
        if (!pathStart.endsWith("?")) {
            path.append('&');
        }
        path.append("limit=").append(limit).append("&offset=").append(token);
        if (optFields != null) {
            path.append("&opt_fields=").append(URLEncoder.encode(optFields, StandardCharsets.UTF_8));
        }
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("offset", token);
        next.put("path", path.toString());
        next.put("uri", base.get() + ApiRoutes.PREFIX + path);
        return next;
    }

    private static Integer limit(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the same message as an out-of-range number
        }
        throw ApiException.invalid("limit", "Must be between 1 and 100");
    }
}
