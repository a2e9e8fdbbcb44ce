package dev.attache.server.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.attache.server.auth.ApiGate;
import dev.attache.server.auth.Principal;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.Workspace;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.Json;
import dev.attache.server.http.RequestParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * What the console browses that Asana's API has no list for: the tasks, projects or project briefs
 * of a workspace, newest first. Behind the API's own gate, so a listing takes the caller's read slot
 * as an API read does.
 */
final class ParentListRoutes {

    static final String PATH = "/console/api/workspaces/{workspace_gid}/parents";

    private final DirectoryStore directory;
    private final Access access;
    private final ApiGate gate;
    private final Json json;

    ParentListRoutes(DirectoryStore directory, Access access, ApiGate gate, Json json) {
        this.directory = directory;
        this.access = access;
        this.gate = gate;
        this.json = json;
    }

    void register(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.GET, PATH, ctx -> gate.passRead(ctx, principal -> list(ctx, principal)));
    }

    private void list(Context ctx, Principal principal) {
        Workspace workspace = access.visibleWorkspace(principal, RequestParams.pathGid(ctx, "workspace_gid", "workspace"));
        ParentType type = type(ctx.queryParam("type"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Parent p : directory.parents(workspace.gid(), type)) {
            items.add(0, compact(p));
        }
        json.data(ctx, 200, items);
    }

    private static ParentType type(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.missing("type");
        }
        for (ParentType t : ParentType.values()) {
            if (t.resourceType().equals(raw)) {
                return t;
            }
        }
        throw ApiException.invalid("type", "Must be task, project or project_brief");
    }

    private static Map<String, Object> compact(Parent p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(p.gid()));
        out.put("resource_type", p.type().resourceType());
        out.put("name", p.name());
        return out;
    }
}
