package dev.attache.server.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asana's {@code opt_fields} projection (docs/api.md §1): exactly the named fields plus {@code gid};
 * dotted paths name sub-fields; an object field named alone comes back as {@code {gid, resource_type}};
 * a leading {@code this.} is ignored, and so are unknown names. Immutable.
 */
public final class OptFields {

    private final List<String[]> paths;

    private OptFields(List<String[]> paths) {
        this.paths = paths;
    }

    /** Parses a comma-separated list; {@code null} for an absent parameter. */
    public static OptFields parse(String commaSeparated) {
        if (commaSeparated == null) {
            return null;
        }
        List<String[]> paths = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String field = raw.strip();
            if (field.startsWith("this.")) {
                field = field.substring("this.".length());
            }
            if (!field.isEmpty()) {
                paths.add(field.split("\\."));
            }
        }
        return new OptFields(List.copyOf(paths));
    }

    /** Whether a top-level field was asked for, so costly fields can be skipped when not. */
    public boolean names(String field) {
        return paths.stream().anyMatch(p -> p[0].equals(field));
    }

    /**
     * Projects a complete representation (every field, sub-objects as maps with {@code gid} and
     * {@code resource_type}) down to the requested fields.
     */
    public Map<String, Object> project(Map<String, Object> complete) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", complete.get("gid"));
        for (String[] path : paths) {
            apply(complete, out, path, 0);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<?, ?> source, Map<String, Object> out, String[] path, int depth) {
        String key = path[depth];
        if (!source.containsKey(key)) {
            return;
        }
        Object value = source.get(key);
        boolean last = depth == path.length - 1;
        if (!(value instanceof Map<?, ?> child)) {
            if (last) {
                out.put(key, value);
            }
            return;
        }
        // Only this method fills nested maps in the output, always with String keys.
        Map<String, Object> target = out.get(key) instanceof Map<?, ?> existing
                ? (Map<String, Object>) existing : new LinkedHashMap<>();
        target.putIfAbsent("gid", child.get("gid"));
        if (last) {
            if (child.containsKey("resource_type")) {
                target.putIfAbsent("resource_type", child.get("resource_type"));
            }
        } else {
            apply(child, target, path, depth + 1);
        }
        out.put(key, target);
    }

    @Override
    public String toString() {
        return String.join(",", paths.stream().map(p -> String.join(".", Arrays.asList(p))).toList());
    }
}
