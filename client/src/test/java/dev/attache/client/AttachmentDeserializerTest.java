package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.attache.client.internal.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client reads {@link Attachment} and {@link Parent} with its own field-by-field
 * deserializers. Whatever the API sends, the result must be what Jackson's own record binding,
 * configured as the client configured it before, makes of the same body: the same value, or a
 * failure where it failed.
 */
class AttachmentDeserializerTest {

    private final JsonCodec codec = new JsonCodec();
    private final ObjectMapper recordBinding = recordBinding();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"gid\":\"7\",\"resource_type\":\"attachment\",\"name\":\"a.png\",\"resource_subtype\":\"asana\","
            + "\"created_at\":\"2026-01-30T07:02:11.454Z\",\"download_url\":\"https://s3.example/a?sig=1\","
            + "\"view_url\":\"https://x/v\",\"permanent_url\":\"https://x/app/asana/-/get_asset?asset_id=7\","
            + "\"host\":\"asana\",\"parent\":{\"gid\":\"42\",\"resource_type\":\"task\",\"name\":\"t\","
            + "\"resource_subtype\":\"default_task\",\"created_by\":{\"gid\":\"9\",\"resource_type\":\"user\"}},"
            + "\"size\":12345,\"connected_to_app\":false}",
        "{}",
        "{\"gid\":null}",
        "{\"gid\":7}",
        "{\"gid\":\"7a\"}",
        "{\"gid\":\"\"}",
        "{\"gid\":[\"7\"]}",
        "{\"gid\":\"7\",\"name\":\"a\",\"name\":\"b\"}",
        "{\"gid\":\"7\",\"name\":123}",
        "{\"gid\":\"7\",\"name\":1.5}",
        "{\"gid\":\"7\",\"name\":true}",
        "{\"gid\":\"7\",\"name\":{\"x\":1}}",
        "{\"gid\":\"7\",\"name\":[\"a\"]}",
        "{\"gid\":\"7\",\"name\":\"na\\u00efve \\ud83d\\ude00.txt\"}",
        "{\"gid\":\"7\",\"resource_subtype\":\"dropbox\",\"host\":\"gdrive\"}",
        "{\"gid\":\"7\",\"resource_subtype\":5}",
        "{\"gid\":\"7\",\"resource_subtype\":null,\"host\":null}",
        "{\"gid\":\"7\",\"created_at\":\"2026-01-30T07:02:11Z\"}",
        "{\"gid\":\"7\",\"created_at\":\"2026-01-30T07:02:11.123456789Z\"}",
        "{\"gid\":\"7\",\"created_at\":\"2026-01-30T07:02:11.454+01:00\"}",
        "{\"gid\":\"7\",\"created_at\":\"2026-02-30T07:02:11.454Z\"}",
        "{\"gid\":\"7\",\"created_at\":\" 2026-01-30T07:02:11.454Z\"}",
        "{\"gid\":\"7\",\"created_at\":\"\"}",
        "{\"gid\":\"7\",\"created_at\":1769756531}",
        "{\"gid\":\"7\",\"created_at\":null}",
        "{\"gid\":\"7\",\"download_url\":\" https://x/a \"}",
        "{\"gid\":\"7\",\"download_url\":\"\"}",
        "{\"gid\":\"7\",\"download_url\":\"   \"}",
        "{\"gid\":\"7\",\"download_url\":\"http://exa mple/a\"}",
        "{\"gid\":\"7\",\"download_url\":\"/relative?q=1\"}",
        "{\"gid\":\"7\",\"download_url\":\"https://h/%E2%82%AC?x=%20\"}",
        "{\"gid\":\"7\",\"download_url\":\"https://h/\u20ac\"}",
        "{\"gid\":\"7\",\"view_url\":42}",
        "{\"gid\":\"7\",\"permanent_url\":{\"u\":1}}",
        "{\"gid\":\"7\",\"size\":0}",
        "{\"gid\":\"7\",\"size\":9223372036854775807}",
        "{\"gid\":\"7\",\"size\":9223372036854775808}",
        "{\"gid\":\"7\",\"size\":-1}",
        "{\"gid\":\"7\",\"size\":\"12\"}",
        "{\"gid\":\"7\",\"size\":12.0}",
        "{\"gid\":\"7\",\"size\":12.5}",
        "{\"gid\":\"7\",\"size\":true}",
        "{\"gid\":\"7\",\"size\":\"\"}",
        "{\"gid\":\"7\",\"connected_to_app\":true}",
        "{\"gid\":\"7\",\"connected_to_app\":\"true\"}",
        "{\"gid\":\"7\",\"connected_to_app\":1}",
        "{\"gid\":\"7\",\"connected_to_app\":\"yes\"}",
        "{\"gid\":\"7\",\"parent\":null}",
        "{\"gid\":\"7\",\"parent\":{}}",
        "{\"gid\":\"7\",\"parent\":\"42\"}",
        "{\"gid\":\"7\",\"parent\":[{\"gid\":\"42\"}]}",
        "{\"gid\":\"7\",\"parent\":{\"gid\":\"x\"}}",
        "{\"gid\":\"7\",\"parent\":{\"gid\":42,\"name\":7,\"resource_subtype\":false,\"extra\":[1,{\"a\":[]}]}}",
        "{\"gid\":\"7\",\"parent\":{\"gid\":\"42\",\"created_by\":null}}",
        "{\"gid\":\"7\",\"parent\":{\"gid\":\"42\",\"created_by\":{\"gid\":\"9\",\"name\":\"u\"}}}",
        "{\"gid\":\"7\",\"parent\":{\"gid\":\"42\",\"created_by\":\"9\"}}",
        "{\"brand_new\":{\"x\":[1,2,{\"y\":null}]},\"gid\":\"7\",\"also_new\":[[]],\"name\":\"a\"}",
        "[]",
        "\"7\"",
    })
    void decodesAsJacksonRecordBindingDoes(String data) {
        byte[] body = ("{\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);

        Attachment expected;
        try {
            expected = readDataByRecordBinding(body);
        } catch (UncheckedIOException e) {
            assertThatThrownBy(() -> codec.readData(body, Attachment.class)).isInstanceOf(UncheckedIOException.class);
            return;
        }
        assertThat(codec.readData(body, Attachment.class)).isEqualTo(expected);
    }

    /** The data envelope read as the client read it, the record then bound by Jackson. */
    private Attachment readDataByRecordBinding(byte[] body) {
        try (JsonParser p = recordBinding.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("response has no \"data\" object");
            }
            return recordBinding.readValue(p, Attachment.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pageItemsDecodeAsJacksonRecordBindingDoes() throws IOException {
        byte[] body = ("{\"data\":[{\"gid\":\"1\",\"name\":\"a\",\"created_at\":\"2026-01-30T07:02:11Z\","
                + "\"parent\":{\"gid\":\"4\"}},{\"gid\":\"2\",\"name\":5,\"size\":\"9\"}],\"next_page\":null}")
                .getBytes(StandardCharsets.UTF_8);
        List<Attachment> expected = new ArrayList<>();
        for (JsonNode item : recordBinding.readTree(body).get("data")) {
            expected.add(recordBinding.treeToValue(item, Attachment.class));
        }

        assertThat(codec.readPage(body, Attachment.class).items()).isEqualTo(expected);
    }

    @Test
    void everyAttachmentComponentIsRead() {
        Attachment a = codec.readData(("{\"data\":" + everyComponent(Attachment.class) + "}")
                .getBytes(StandardCharsets.UTF_8), Attachment.class);

        for (RecordComponent component : Attachment.class.getRecordComponents()) {
            assertThat(value(component, a)).as(component.getName()).isNotNull();
        }
        for (RecordComponent component : Parent.class.getRecordComponents()) {
            assertThat(value(component, a.parent())).as("parent." + component.getName()).isNotNull();
        }
    }

    /** A JSON object with a value for each of the record's components, under its snake_case name. */
    private static String everyComponent(Class<? extends Record> type) {
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase();
            fields.add("\"" + name + "\":" + sample(component.getType()));
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String sample(Class<?> type) {
        if (type == AttachmentGid.class || type == ParentGid.class) {
            return "\"12\"";
        }
        if (type == String.class || type == ResourceSubtype.class) {
            return "\"asana\"";
        }
        if (type == Instant.class) {
            return "\"2026-01-30T07:02:11.454Z\"";
        }
        if (type == URI.class) {
            return "\"https://x/y\"";
        }
        if (type == Long.class) {
            return "5";
        }
        if (type == Boolean.class) {
            return "true";
        }
        if (type == Parent.class || type == UserCompact.class) {
            return everyComponent(type.asSubclass(Record.class));
        }
        throw new AssertionError("no sample for " + type + ": teach this test and the deserializer the new type");
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The client's mapper as it was when Jackson bound the records itself. */
    private static ObjectMapper recordBinding() {
        SimpleModule values = new SimpleModule("reference-values");
        values.addDeserializer(AttachmentGid.class, fromString(AttachmentGid::new));
        values.addDeserializer(ParentGid.class, fromString(ParentGid::new));
        values.addDeserializer(ResourceSubtype.class, fromString(ResourceSubtype::new));
        values.addDeserializer(Instant.class, fromString(Instant::parse));
        return JsonMapper.builder()
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
}
