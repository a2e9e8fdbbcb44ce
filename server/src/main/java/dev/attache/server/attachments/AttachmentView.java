package dev.attache.server.attachments;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.attache.server.directory.Parent;
import dev.attache.server.http.OptFields;
import dev.attache.server.http.PublicBase;

/**
 * Renders attachments as Asana does (docs/api.md §3). There is one model, the complete record; the full
 * default, the compact form and {@code opt_fields} projections are all selections from it.
 */
public final class AttachmentView {

    /** The default full record (docs/api.md §3): every field but the opt-in {@code connected_to_app} and {@code size}. */
    private static final Set<String> FULL_FIELDS = Set.of("gid", "resource_type", "created_at", "download_url", "host",
            "name", "parent", "permanent_url", "resource_subtype", "view_url");
    private static final Set<String> COMPACT_FIELDS = Set.of("gid", "resource_type", "name", "resource_subtype");
    private static final Set<String> COMPACT_PARENT_FIELDS = COMPACT_FIELDS;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DownloadLinks downloads;
    private final PublicBase base;

    public AttachmentView(DownloadLinks downloads, PublicBase base) {
        this.downloads = downloads;
        this.base = base;
    }

    /** What GET one and POST return: the full default record, or the projection. */
    Map<String, Object> full(Attachment a, Parent parent, OptFields fields) {
        if (fields != null) {
            return fields.project(complete(a, parent, wantsUrls(fields)));
        }
        Map<String, Object> out = only(complete(a, parent, true), FULL_FIELDS);
        out.put("parent", only(parent(parent), COMPACT_PARENT_FIELDS));
        return out;
    }

    /** What lists return: the compact record, or the projection. */
    Map<String, Object> compact(Attachment a, Parent parent, OptFields fields) {
        if (fields != null) {
            return fields.project(complete(a, parent, wantsUrls(fields)));
        }
        return only(complete(a, parent, false), COMPACT_FIELDS);
    }

    private static boolean wantsUrls(OptFields fields) {
        return fields.names("download_url") || fields.names("view_url");
    }

    /** Every field, opt-in ones included; URLs are signed only when asked for. */
    private Map<String, Object> complete(Attachment a, Parent parent, boolean withUrls) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(a.gid()));
        out.put("resource_type", "attachment");
        // Asana's document: connected_to_app is "only present when the resource_subtype is external or
        // gdrive", and size "only present when the resource_subtype is asana". Absent, not null: a client
        // generated with non-nullable types fails on a null.
        if (!a.isUpload()) {
            out.put("connected_to_app", Boolean.TRUE.equals(a.connectedToApp()));
        }
        out.put("created_at", timestamp(a.createdAt()));
        String download = withUrls ? downloadUrl(a) : null;
        out.put("download_url", download);
        out.put("host", a.subtype());
        out.put("name", a.name());
        out.put("parent", parent(parent));
        out.put("permanent_url", permanentUrl(a));
        out.put("resource_subtype", a.subtype());
        if (a.isUpload()) {
            out.put("size", a.size());
        }
        out.put("view_url", download);
        return out;
    }

    /** The listed keys of a record, in the record's order. */
    private static Map<String, Object> only(Map<String, Object> record, Set<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((key, value) -> {
            if (keys.contains(key)) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Map<String, Object> parent(Parent p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(p.gid()));
        out.put("resource_type", p.type().resourceType());
        out.put("name", p.name());
        out.put("resource_subtype", p.type().resourceSubtype());
        Map<String, Object> creator = new LinkedHashMap<>();
        creator.put("gid", Long.toString(p.createdBy()));
        creator.put("resource_type", "user");
        out.put("created_by", creator);
        return out;
    }

    private String downloadUrl(Attachment a) {
        return a.isUpload() ? downloads.urlFor(a.gid()) : a.url();
    }

    private String permanentUrl(Attachment a) {
        return a.isUpload() ? base.get() + "/app/asana/-/get_asset?asset_id=" + a.gid() : null;
    }

    /**
     * {@code 2026-01-30T07:00:00.123Z}. Written digit by digit for the years a server meets: the
     * pattern formatter took a twentieth of a GET; other years go through it.
     */
    static String timestamp(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return ISO_MILLIS.format(instant);
        }
        StringBuilder out = new StringBuilder(24);
        digits(out, t.getYear(), 4).append('-');
        digits(out, t.getMonthValue(), 2).append('-');
        digits(out, t.getDayOfMonth(), 2).append('T');
        digits(out, t.getHour(), 2).append(':');
        digits(out, t.getMinute(), 2).append(':');
        digits(out, t.getSecond(), 2).append('.');
        return digits(out, t.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int pad = width - text.length(); pad > 0; pad--) {
            out.append('0');
        }
        return out.append(text);
    }
}
