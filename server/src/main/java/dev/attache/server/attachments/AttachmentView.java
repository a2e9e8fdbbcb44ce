package dev.attache.server.attachments;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.attache.server.http.PublicBase;
import dev.attache.server.directory.Parent;
import dev.attache.server.http.OptFields;

/** Renders attachments as Asana does (contract §3): compact, full default, or projected by {@code opt_fields}. */
final class AttachmentView {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DownloadLinks downloads;
    private final PublicBase base;

    AttachmentView(DownloadLinks downloads, PublicBase base) {
        this.downloads = downloads;
        this.base = base;
    }

    /** What GET one and POST return: the full default record, or the projection. */
    Map<String, Object> full(Attachment a, Parent parent, OptFields fields) {
        if (fields != null) {
            return fields.project(complete(a, parent, fields.names("download_url") || fields.names("view_url")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(a.gid()));
        out.put("resource_type", "attachment");
        out.put("created_at", timestamp(a.createdAt()));
        String download = downloadUrl(a);
        out.put("download_url", download);
        out.put("host", a.subtype());
        out.put("name", a.name());
        out.put("parent", parent(parent, false));
        out.put("permanent_url", permanentUrl(a));
        out.put("resource_subtype", a.subtype());
        out.put("view_url", download);
        return out;
    }

    /** What lists return: the compact record, or the projection. */
    Map<String, Object> compact(Attachment a, Parent parent, OptFields fields) {
        if (fields != null) {
            return fields.project(complete(a, parent, fields.names("download_url") || fields.names("view_url")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(a.gid()));
        out.put("resource_type", "attachment");
        out.put("name", a.name());
        out.put("resource_subtype", a.subtype());
        return out;
    }

    /** Every field, opt-in ones included; URLs are signed only when asked for. */
    private Map<String, Object> complete(Attachment a, Parent parent, boolean withUrls) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(a.gid()));
        out.put("resource_type", "attachment");
        out.put("connected_to_app", a.isUpload() ? null : Boolean.TRUE.equals(a.connectedToApp()));
        out.put("created_at", timestamp(a.createdAt()));
        String download = withUrls ? downloadUrl(a) : null;
        out.put("download_url", download);
        out.put("host", a.subtype());
        out.put("name", a.name());
        out.put("parent", parent(parent, true));
        out.put("permanent_url", permanentUrl(a));
        out.put("resource_subtype", a.subtype());
        out.put("size", a.size());
        out.put("view_url", download);
        return out;
    }

    private static Map<String, Object> parent(Parent p, boolean withCreator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", Long.toString(p.gid()));
        out.put("resource_type", p.type().resourceType());
        out.put("name", p.name());
        out.put("resource_subtype", p.type().resourceSubtype());
        if (withCreator) {
            Map<String, Object> creator = new LinkedHashMap<>();
            creator.put("gid", Long.toString(p.createdBy()));
            creator.put("resource_type", "user");
            out.put("created_by", creator);
        }
        return out;
    }

    private String downloadUrl(Attachment a) {
        return a.isUpload() ? downloads.urlFor(a.gid()) : a.url();
    }

    private String permanentUrl(Attachment a) {
        return a.isUpload() ? base.get() + "/app/asana/-/get_asset?asset_id=" + a.gid() : null;
    }

    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
