package dev.attache.cli.attachments;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.client.Attachment;
import dev.attache.client.Parent;

/**
 * Writes an attachment as one line of JSON with the API's field names, leaving out the fields the
 * server did not return. Thread-safe.
 */
final class AttachmentJson {

    private static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper = new ObjectMapper();

    /** The attachment as a single line. */
    String line(Attachment a) {
        try {
            return mapper.writeValueAsString(node(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode node(Attachment a) {
        ObjectNode n = mapper.createObjectNode();
        n.put("gid", a.gid().value());
        putIfPresent(n, "resource_type", a.resourceType());
        putIfPresent(n, "name", a.name());
        putIfPresent(n, "resource_subtype", a.resourceSubtype());
        if (a.createdAt() != null) {
            n.put("created_at", time(a.createdAt()));
        }
        putIfPresent(n, "download_url", a.downloadUrl());
        putIfPresent(n, "view_url", a.viewUrl());
        putIfPresent(n, "permanent_url", a.permanentUrl());
        putIfPresent(n, "host", a.host());
        if (a.parent() != null) {
            n.set("parent", parent(a.parent()));
        }
        if (a.size() != null) {
            n.put("size", a.size());
        }
        if (a.connectedToApp() != null) {
            n.put("connected_to_app", a.connectedToApp());
        }
        return n;
    }

    private ObjectNode parent(Parent p) {
        ObjectNode n = mapper.createObjectNode();
        n.put("gid", p.gid().value());
        putIfPresent(n, "resource_type", p.resourceType());
        putIfPresent(n, "name", p.name());
        putIfPresent(n, "resource_subtype", p.resourceSubtype());
        if (p.createdBy() != null) {
            ObjectNode by = n.putObject("created_by");
            by.put("gid", p.createdBy().gid());
            putIfPresent(by, "resource_type", p.createdBy().resourceType());
        }
        return n;
    }

    static String time(Instant instant) {
        return WIRE_TIME.format(instant);
    }

    private static void putIfPresent(ObjectNode n, String name, @org.jspecify.annotations.Nullable Object value) {
        if (value != null) {
            n.put(name, value.toString());
        }
    }
}
