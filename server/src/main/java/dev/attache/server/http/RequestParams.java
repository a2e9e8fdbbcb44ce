package dev.attache.server.http;

import java.util.List;
import java.util.regex.Pattern;

import dev.attache.server.ids.Gid;
import io.javalin.http.Context;

/** Reads the query parameters every route shares, the Asana way. */
public final class RequestParams {

    private static final Pattern ASCII_LIMIT = Pattern.compile("[0-9]{1,9}");

    private RequestParams() {
    }

    /** {@code ?opt_pretty}, {@code ?opt_pretty=true} or {@code =1} ask for indented JSON. */
    public static boolean prettyRequested(Context ctx) {
        List<String> values = ctx.queryParams("opt_pretty");
        if (values.isEmpty()) {
            return false;
        }
        String v = values.get(values.size() - 1);
        return v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1");
    }

    /**
     * {@code opt_fields}, with repeated parameters (the Node client's way) joined into one list.
     *
     * @return the comma-joined value, or {@code null} when absent
     */
    public static String optFields(Context ctx) {
        List<String> values = ctx.queryParams("opt_fields");
        return values.isEmpty() ? null : String.join(",", values);
    }

    /**
     * {@code limit}: 1..100 in ASCII digits, or null when absent; 400 {@code limit: Must be between 1 and 100}
     * otherwise. {@code Integer.parseInt} alone would also take {@code +5} and digits of other scripts.
     */
    public static Integer limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return null;
        }
        String digits = raw.strip();
        if (ASCII_LIMIT.matcher(digits).matches()) {
            int limit = Integer.parseInt(digits);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        }
        throw ApiException.invalid("limit", "Must be between 1 and 100");
    }

    /** A path parameter that must be a gid; 400 {@code <field>: Not a recognized ID} otherwise. */
    public static Gid pathGid(Context ctx, String param, String field) {
        return gid(field, ctx.pathParam(param));
    }

    /** A value that must be a gid; 400 {@code <field>: Not a recognized ID: <value>} otherwise. */
    public static Gid gid(String field, String value) {
        return Gid.parse(value).orElseThrow(() -> ApiException.invalid(field, "Not a recognized ID: " + value));
    }

    /** A required query parameter that must be a gid. */
    public static Gid requiredQueryGid(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(name);
        }
        return gid(name, value);
    }
}
