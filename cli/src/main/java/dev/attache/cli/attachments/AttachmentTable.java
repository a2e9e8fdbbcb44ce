package dev.attache.cli.attachments;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.attache.client.Attachment;
import dev.attache.client.Field;

/**
 * Renders attachments as an aligned, human-readable table: one column per field, gid last. Columns
 * are measured in screen cells, so a name in CJK characters lines up with one in Latin letters.
 */
final class AttachmentTable {

    private static final DateTimeFormatter READABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final List<Field> columns;

    AttachmentTable(List<Field> fields) {
        this.columns = fields.stream().filter(f -> f != Field.PARENT_CREATED_BY).toList();
    }

    /** The table, header first, or a single line saying there is nothing. */
    String render(List<Attachment> rows) {
        if (rows.isEmpty()) {
            return "No attachments.\n";
        }
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>(columns.stream().map(AttachmentTable::heading).toList());
        header.add("GID");
        cells.add(header);
        for (Attachment a : rows) {
            List<String> line = new ArrayList<>(columns.stream().map(f -> cell(a, f)).toList());
            line.add(a.gid().value());
            cells.add(line);
        }
        return format(cells);
    }

    private static String format(List<List<String>> cells) {
        int[] widths = new int[cells.get(0).size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], TextWidth.of(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                out.append(last ? row.get(i) : TextWidth.fit(row.get(i), widths[i]) + "  ");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String heading(Field f) {
        return switch (f) {
            case CREATED_AT -> "CREATED (UTC)";
            default -> f.wireName().toUpperCase(Locale.ROOT);
        };
    }

    static String cell(Attachment a, Field f) {
        Object value = switch (f) {
            case NAME -> a.name();
            case SIZE -> a.size() == null ? null : readableSize(a.size());
            case CREATED_AT -> a.createdAt() == null ? null : READABLE_TIME.format(a.createdAt());
            case RESOURCE_SUBTYPE -> a.resourceSubtype();
            case DOWNLOAD_URL -> a.downloadUrl();
            case VIEW_URL -> a.viewUrl();
            case PERMANENT_URL -> a.permanentUrl();
            case HOST -> a.host();
            case CONNECTED_TO_APP -> a.connectedToApp();
            case PARENT -> a.parent() == null ? null : a.parent().gid();
            case PARENT_NAME -> a.parent() == null ? null : a.parent().name();
            case PARENT_RESOURCE_SUBTYPE -> a.parent() == null ? null : a.parent().resourceSubtype();
            case PARENT_CREATED_BY -> a.parent() == null || a.parent().createdBy() == null ? null
                    : a.parent().createdBy().gid();
        };
        return value == null ? "-" : value.toString();
    }

    /** Bytes in B, KiB, MiB or GiB with one decimal above bytes. */
    static String readableSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
