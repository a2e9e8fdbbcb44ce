package dev.attache.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.attache.client.AsanaError;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.NextPage;
import dev.attache.client.Page;
import dev.attache.client.Parent;
import dev.attache.client.ParentGid;
import dev.attache.client.ResourceSubtype;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the API's JSON envelopes into the public records. Unknown fields are ignored, absent
 * fields become null, and unknown subtypes keep their raw value. Thread-safe.
 */
public final class JsonCodec {

    private final ObjectMapper mapper;
    /** A reader per record type, made once: it keeps the deserializer that readValue looks up on every call. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    /** Creates a codec with its own mapper. */
    public JsonCodec() {
        SimpleModule values = new SimpleModule("attache-values");
        values.addDeserializer(AttachmentGid.class, fromString(AttachmentGid::new));
        values.addDeserializer(ParentGid.class, fromString(ParentGid::new));
        values.addDeserializer(ResourceSubtype.class, fromString(ResourceSubtype::new));
        values.addDeserializer(Instant.class, fromString(IsoInstants::parse));
        values.addDeserializer(Attachment.class, new AttachmentDeserializer());
        values.addDeserializer(Parent.class, new ParentDeserializer());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(values)
                .build();
    }

    private static <T> JsonDeserializer<T> fromString(Function<String, T> factory) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return factory.apply(text);
                } catch (RuntimeException e) {
                    return ctxt.reportInputMismatch(handledType(), "cannot read %s: %s", text, e.getMessage());
                }
            }
        };
    }

    /**
     * Reads {@code {"data": {...}}} as {@code type}.
     *
     * @param body the response body
     * @param type the record type
     * @param <T> the record type
     * @return the record
     * @throws UncheckedIOException if the body is not such an envelope
     */
    public <T> T readData(byte[] body, Class<T> type) {
        // Streams straight into the record instead of building a tree first: this runs once per call.
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data")) {
                    if (value != JsonToken.START_OBJECT) {
                        break;
                    }
                    return readers.get(type).readValue(p);
                }
                p.skipChildren();
            }
            throw new IOException("response has no \"data\" object");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a list envelope with its {@code next_page}.
     *
     * @param body the response body
     * @param type the item type
     * @param <T> the item type
     * @return the page
     * @throws UncheckedIOException if the body is not a list envelope
     */
    public <T> Page<T> readPage(byte[] body, Class<T> type) {
        try {
            JsonNode root = mapper.readTree(body);
            List<T> items = new ArrayList<>();
            for (JsonNode item : root.path("data")) {
                items.add(mapper.treeToValue(item, type));
            }
            JsonNode next = root.path("next_page");
            NextPage nextPage = next.isObject() ? mapper.treeToValue(next, NextPage.class) : null;
            return new Page<>(items, nextPage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code {"errors": [...]}}; anything else yields an empty list, so a proxy's HTML
     * error page still becomes a typed exception.
     *
     * @param body the response body, possibly empty
     * @return the errors
     */
    public List<AsanaError> readErrors(byte[] body) {
        List<AsanaError> errors = new ArrayList<>();
        for (JsonNode e : tree(body).path("errors")) {
            JsonNode message = e.path("message");
            if (message.isTextual()) {
                errors.add(new AsanaError(message.asText(), text(e, "help"), text(e, "phrase")));
            }
        }
        return errors;
    }

    /**
     * Writes {@code value} as JSON, with the mapper's snake_case naming.
     *
     * @param value a record or tree
     * @return UTF-8 JSON
     */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node == null ? mapper.missingNode() : node;
        } catch (IOException e) {
            return mapper.missingNode();
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
