package dev.attache.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON value for a record component, taking the direct route for the token the API
 * sends (a string, a number, a boolean) and handing anything else to Jackson's own deserializer
 * for the component's type. That way odd input gets exactly the coercions and errors it got when
 * Jackson bound the records itself, and the usual input skips databind's general machinery.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** A string-valued component built by {@code factory}, such as a gid or a URI. */
    static <T> @Nullable T fromString(JsonParser p, DeserializationContext ctxt, Class<T> type,
            Function<String, T> factory) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return factory.apply(p.getText());
            } catch (RuntimeException e) {
                // Jackson's deserializer makes the error (or, for a type it trims, perhaps a value).
            }
        }
        return ctxt.readValue(p, type);
    }

    static @Nullable String text(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return token == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, String.class);
    }

    /** A URI; text with surrounding spaces, which {@code URI.create} refuses, goes to Jackson, which trims it. */
    static @Nullable URI uri(JsonParser p, DeserializationContext ctxt) throws IOException {
        return fromString(p, ctxt, URI.class, URI::create);
    }

    static @Nullable Instant instant(JsonParser p, DeserializationContext ctxt) throws IOException {
        return fromString(p, ctxt, Instant.class, IsoInstants::parse);
    }

    static @Nullable Long wholeNumber(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        return token == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Long.class);
    }

    static @Nullable Boolean bool(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        return token == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Boolean.class);
    }

    /**
     * Moves to the first field name of the object the parser is at; any other token fails, as
     * Jackson fails a record from a scalar or an array.
     */
    static JsonToken firstField(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return p.nextToken();
        }
        if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
            return token;
        }
        throw ctxt.wrongTokenException(p, type, JsonToken.START_OBJECT, "expected a JSON object");
    }
}
