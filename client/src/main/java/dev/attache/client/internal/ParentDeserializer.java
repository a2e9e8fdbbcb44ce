package dev.attache.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.attache.client.Parent;
import dev.attache.client.ParentGid;
import dev.attache.client.UserCompact;
import java.io.IOException;

/** Reads an attachment's {@link Parent} field by field, by the rules of {@link AttachmentDeserializer}. */
final class ParentDeserializer extends StdDeserializer<Parent> {

    private static final long serialVersionUID = 1L;

    ParentDeserializer() {
        super(Parent.class);
    }

    @Override
    public Parent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        ParentGid gid = null;
        String resourceType = null;
        String name = null;
        String resourceSubtype = null;
        UserCompact createdBy = null;
        for (JsonToken t = JsonValues.firstField(p, ctxt, Parent.class); t == JsonToken.FIELD_NAME;
                t = p.nextToken()) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "gid" -> gid = JsonValues.fromString(p, ctxt, ParentGid.class, ParentGid::new);
                case "resource_type" -> resourceType = JsonValues.text(p, ctxt);
                case "name" -> name = JsonValues.text(p, ctxt);
                case "resource_subtype" -> resourceSubtype = JsonValues.text(p, ctxt);
                // Opt-in and rare: Jackson binds it.
                case "created_by" -> createdBy = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : ctxt.readValue(p, UserCompact.class);
                default -> p.skipChildren();
            }
        }
        return new Parent(gid, resourceType, name, resourceSubtype, createdBy);
    }
}
