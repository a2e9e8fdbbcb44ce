package dev.attache.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.Parent;
import dev.attache.client.ResourceSubtype;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@link Attachment} field by field. Every response the client decodes holds one or a
 * page of them, and binding the record through databind's general creator path cost several
 * times a plain parse; this reads the same snake_case fields with the same rules: unknown fields
 * skipped, absent or null ones null, the last of a repeated field winning, and anything unusual
 * passed to Jackson's deserializer for that component ({@link JsonValues}).
 */
final class AttachmentDeserializer extends StdDeserializer<Attachment> {

    private static final long serialVersionUID = 1L;

    private final ParentDeserializer parents = new ParentDeserializer();

    AttachmentDeserializer() {
        super(Attachment.class);
    }

    @Override
    public Attachment deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        AttachmentGid gid = null;
        String resourceType = null;
        String name = null;
        ResourceSubtype resourceSubtype = null;
        Instant createdAt = null;
        URI downloadUrl = null;
        URI viewUrl = null;
        URI permanentUrl = null;
        ResourceSubtype host = null;
        Parent parent = null;
        Long size = null;
        Boolean connectedToApp = null;
        for (JsonToken t = JsonValues.firstField(p, ctxt, Attachment.class); t == JsonToken.FIELD_NAME;
                t = p.nextToken()) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "gid" -> gid = JsonValues.fromString(p, ctxt, AttachmentGid.class, AttachmentGid::new);
                case "resource_type" -> resourceType = JsonValues.text(p, ctxt);
                case "name" -> name = JsonValues.text(p, ctxt);
                case "resource_subtype" -> resourceSubtype = subtype(p, ctxt);
                case "created_at" -> createdAt = JsonValues.instant(p, ctxt);
                case "download_url" -> downloadUrl = JsonValues.uri(p, ctxt);
                case "view_url" -> viewUrl = JsonValues.uri(p, ctxt);
                case "permanent_url" -> permanentUrl = JsonValues.uri(p, ctxt);
                case "host" -> host = subtype(p, ctxt);
                case "parent" -> parent = parent(p, ctxt);
                case "size" -> size = JsonValues.wholeNumber(p, ctxt);
                case "connected_to_app" -> connectedToApp = JsonValues.bool(p, ctxt);
                default -> p.skipChildren();
            }
        }
        return new Attachment(gid, resourceType, name, resourceSubtype, createdAt, downloadUrl, viewUrl,
                permanentUrl, host, parent, size, connectedToApp);
    }

    private static @Nullable ResourceSubtype subtype(JsonParser p, DeserializationContext ctxt) throws IOException {
        return JsonValues.fromString(p, ctxt, ResourceSubtype.class, ResourceSubtype::new);
    }

    private @Nullable Parent parent(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return parents.deserialize(p, ctxt);
        }
        return token == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Parent.class);
    }
}
