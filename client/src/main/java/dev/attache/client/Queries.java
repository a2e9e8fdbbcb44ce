package dev.attache.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the common query parameters {@code opt_fields} and {@code opt_pretty}. */
final class Queries {

    private Queries() {
    }

    static Map<String, String> of(Fields fields) {
        Map<String, String> query = new LinkedHashMap<>();
        addTo(query, fields);
        return query;
    }

    static void addTo(Map<String, String> query, Fields fields) {
        String optFields = fields.optFields();
        if (!optFields.isEmpty()) {
            query.put("opt_fields", optFields);
        }
        if (fields.pretty()) {
            query.put("opt_pretty", "true");
        }
    }
}
