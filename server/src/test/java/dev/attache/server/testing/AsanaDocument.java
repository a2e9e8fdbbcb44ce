package dev.attache.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What Asana's OpenAPI document says that a schema validator cannot check on its own: the
 * {@code opt_fields} values each operation lists, the properties a schema names across its
 * {@code allOf} branches, and the "only present when" rules its descriptions state in prose. Read
 * from the document itself, so the tests follow it when it changes.
 */
public final class AsanaDocument {

    /** "Only present when the `resource_subtype` is `asana`." and "... is `external` or `gdrive`." */
    private static final Pattern ONLY_PRESENT = Pattern.compile("Only present when the\\s+`resource_subtype`\\s+is\\s+([^.]*)\\.");
    private static final Pattern QUOTED = Pattern.compile("`([a-z_]+)`");

    private final JsonNode root;

    private AsanaDocument(JsonNode root) {
        this.root = root;
    }

    /** The repository's copy of the document; parsed once per JVM. */
    public static AsanaDocument get() {
        return Holder.DOCUMENT;
    }

    /** The values an operation's {@code opt_fields} parameter enumerates, in the document's order. */
    public List<String> optFields(String operationId) {
        JsonNode operation = operation(operationId);
        for (JsonNode parameter : operation.path("parameters")) {
            if ("opt_fields".equals(parameter.path("name").asText())) {
                List<String> values = new ArrayList<>();
                parameter.path("schema").path("items").path("enum").forEach(v -> values.add(v.asText()));
                return values;
            }
        }
        throw new IllegalArgumentException(operationId + " lists no opt_fields");
    }

    /** The HTTP statuses an operation documents, other than 2xx. */
    public Set<Integer> errorStatuses(String operationId) {
        Set<Integer> statuses = new LinkedHashSet<>();
        operation(operationId).path("responses").fieldNames().forEachRemaining(code -> {
            int status = Integer.parseInt(code);
            if (status >= 400) {
                statuses.add(status);
            }
        });
        return statuses;
    }

    /** Every property a component schema names, following {@code $ref} and {@code allOf}. */
    public Set<String> propertyNames(String schemaName) {
        Set<String> names = new LinkedHashSet<>();
        collectProperties(schema(schemaName), names, new LinkedHashMap<>());
        return names;
    }

    /**
     * The properties of a schema whose description restricts their presence to some
     * {@code resource_subtype} values, with those values: {@code size -> [asana]}.
     */
    public Map<String, Set<String>> presentOnlyForSubtypes(String schemaName) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        collectProperties(schema(schemaName), new LinkedHashSet<>(), properties);
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        properties.forEach((name, property) -> {
            Matcher sentence = ONLY_PRESENT.matcher(property.path("description").asText().replaceAll("\\s+", " "));
            if (sentence.find()) {
                Set<String> subtypes = new LinkedHashSet<>();
                Matcher quoted = QUOTED.matcher(sentence.group(1));
                while (quoted.find()) {
                    subtypes.add(quoted.group(1));
                }
                rules.put(name, subtypes);
            }
        });
        return rules;
    }

    /** A schema's {@code example} values, property by property, as a JSON object. */
    public JsonNode exampleOf(String schemaName) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        collectProperties(schema(schemaName), new LinkedHashSet<>(), properties);
        var out = new ObjectMapper().createObjectNode();
        properties.forEach((name, property) -> {
            JsonNode resolved = resolve(property);
            if (resolved.has("example")) {
                out.set(name, resolved.get("example"));
            } else if (resolved.has("allOf") || resolved.has("properties")) {
                var nested = new ObjectMapper().createObjectNode();
                Map<String, JsonNode> inner = new LinkedHashMap<>();
                collectProperties(resolved, new LinkedHashSet<>(), inner);
                inner.forEach((n, p) -> {
                    if (resolve(p).has("example")) {
                        nested.set(n, resolve(p).get("example"));
                    }
                });
                out.set(name, nested);
            }
        });
        return out;
    }

    private JsonNode operation(String operationId) {
        for (JsonNode path : root.path("paths")) {
            for (JsonNode operation : path) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    return operation;
                }
            }
        }
        throw new IllegalArgumentException("no operation " + operationId);
    }

    private JsonNode schema(String name) {
        JsonNode schema = root.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    private void collectProperties(JsonNode schema, Set<String> names, Map<String, JsonNode> properties) {
        JsonNode resolved = resolve(schema);
        resolved.path("properties").fields().forEachRemaining(e -> {
            names.add(e.getKey());
            properties.merge(e.getKey(), e.getValue(), (first, later) -> first);
        });
        resolved.path("allOf").forEach(branch -> collectProperties(branch, names, properties));
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private static final class Holder {
        static final AsanaDocument DOCUMENT = load();

        private static AsanaDocument load() {
            // The document is about 3 MB, near SnakeYAML's default limit on a document's size.
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
            try {
                return new AsanaDocument(yaml.readTree(AsanaOpenApi.documentText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
