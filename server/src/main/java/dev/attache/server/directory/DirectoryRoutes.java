package dev.attache.server.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.auth.ApiRoutes;
import dev.attache.server.auth.Principal;
import dev.attache.server.auth.Scope;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.Json;
import dev.attache.server.http.OptFields;
import dev.attache.server.http.RequestParams;
import dev.attache.server.ids.Gid;
import io.javalin.http.Context;

/** Just enough of Asana's directory (docs/api.md §5) for clients to find workspaces and create parents. */
public final class DirectoryRoutes {

    /** Removes a parent together with its attachments and their bytes. */
    @FunctionalInterface
    public interface ParentRemover {
        boolean remove(Parent parent);
    }

    private final DirectoryStore directory;
    private final Access access;
    private final ParentRemover remover;
    private final Json json;

    public DirectoryRoutes(DirectoryStore directory, Access access, ParentRemover remover, Json json) {
        this.directory = directory;
        this.access = access;
        this.remover = remover;
        this.json = json;
    }

    public void register(ApiRoutes api) {
        api.get("/users/me", null, this::me);
        api.get("/workspaces", null, this::workspaces);
        api.post("/tasks", null, (ctx, p) -> createInWorkspace(ctx, p, ParentType.TASK));
        api.post("/projects", null, (ctx, p) -> createInWorkspace(ctx, p, ParentType.PROJECT));
        api.post("/projects/{project_gid}/project_briefs", null, this::createBrief);
        for (ParentType type : ParentType.values()) {
            String path = "/" + type.resourceType() + "s/{gid}";
            api.get(path, null, (ctx, p) -> json.data(ctx, 200, shaped(ctx, render(find(ctx, p, type)))));
            // Deleting a parent deletes its attachments, so it takes the same scope as deleting one.
            api.delete(path, Scope.DELETE, (ctx, p) -> delete(ctx, p, type));
        }
    }

    private void me(Context ctx, Principal principal) {
        User user = directory.user(principal.userGid()).orElseThrow(ApiException::notAuthorized);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(user.gid()));
        out.put("resource_type", "user");
        out.put("name", user.name());
        out.put("email", user.email());
        out.put("workspaces", directory.workspacesOf(user.gid()).stream().map(DirectoryRoutes::compact).toList());
        json.data(ctx, 200, shaped(ctx, out));
    }

    private void workspaces(Context ctx, Principal principal) {
        List<Map<String, Object>> items = directory.workspacesOf(principal.userGid()).stream()
                .map(w -> shaped(ctx, compact(w))).toList();
        json.data(ctx, 200, items);
    }

    private void createInWorkspace(Context ctx, Principal principal, ParentType type) {
        JsonNode data = json.readData(ctx);
        Workspace workspace = access.visibleWorkspace(principal, RequestParams.gid("workspace", requiredText(data, "workspace")));
        String name = optionalText(data, "name", "");
        Parent created = directory.createParent(type, workspace.gid(), name, null, null, principal.userGid());
        json.data(ctx, 201, shaped(ctx, render(created)));
    }

    private void createBrief(Context ctx, Principal principal) {
        Parent project = access.visibleParent(principal, RequestParams.pathGid(ctx, "project_gid", "project"), ParentType.PROJECT);
        JsonNode data = json.readData(ctx);
        String title = optionalText(data, "title", "");
        String text = optionalText(data, "text", "");
        Parent created = directory.createParent(ParentType.PROJECT_BRIEF, project.workspaceGid(), title, text,
                project.gid(), principal.userGid());
        json.data(ctx, 201, shaped(ctx, render(created)));
    }

    /** Applies {@code opt_fields} when the request has it. */
    private static Map<String, Object> shaped(Context ctx, Map<String, Object> full) {
        OptFields fields = OptFields.parse(RequestParams.optFields(ctx));
        return fields == null ? full : fields.project(full);
    }

    private Parent find(Context ctx, Principal principal, ParentType type) {
        Gid gid = RequestParams.pathGid(ctx, "gid", type.resourceType());
        return access.visibleParent(principal, gid, type);
    }

    private void delete(Context ctx, Principal principal, ParentType type) {
        Parent parent = find(ctx, principal, type);
        if (!remover.remove(parent)) {
            throw ApiException.unknownId(type.resourceType(), Long.toString(parent.gid()));
        }
        json.data(ctx, 200, Map.of());
    }

    private Map<String, Object> render(Parent p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(p.gid()));
        out.put("resource_type", p.type().resourceType());
        if (p.type() == ParentType.PROJECT_BRIEF) {
            out.put("title", p.name());
            // A brief made without text has empty text: Asana's document types it as a string, never null.
            out.put("text", p.text() == null ? "" : p.text());
            out.put("project", directory.parent(p.projectGid() == null ? Gid.NONE : p.projectGid())
                    .map(this::compactParent).orElse(null));
        } else {
            out.put("name", p.name());
            if (p.type() == ParentType.TASK) {
                out.put("resource_subtype", p.type().resourceSubtype());
            }
            out.put("workspace", directory.workspace(p.workspaceGid()).map(DirectoryRoutes::compact).orElse(null));
        }
        return out;
    }

    private Map<String, Object> compactParent(Parent p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(p.gid()));
        out.put("resource_type", p.type().resourceType());
        out.put("name", p.name());
        return out;
    }

    private static Map<String, Object> compact(Workspace w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(w.gid()));
        out.put("resource_type", "workspace");
        out.put("name", w.name());
        return out;
    }

    private static String requiredText(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw ApiException.missing(field);
        }
        if (!node.isValueNode()) {
            throw ApiException.invalid(field, "Must be a string");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode data, String field, String fallback) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw ApiException.invalid(field, "Must be a string");
        }
        // PostgreSQL cannot store U+0000 in text; refuse it on every engine rather than fail on one.
        if (node.asText().indexOf('\u0000') >= 0) {
            throw ApiException.invalid(field, "Must not contain the NUL character");
        }
        return node.asText();
    }

}
