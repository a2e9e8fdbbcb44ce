package dev.attache.cli.attachments;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;

/**
 * Turns the server's file names into names that are safe in one local directory on Linux, macOS
 * and Windows: no path separators, control or reserved characters, no {@code .} or {@code ..}, no
 * trailing dot or space, at most 255 bytes.
 */
final class LocalNames {

    private static final int MAX_BYTES = 255;
    private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private LocalNames() {
    }

    /** A safe name for the attachment; {@code attachment-<gid>} when the server gives none. */
    static String of(@Nullable String serverName, AttachmentGid gid) {
        String name = serverName == null ? "" : serverName;
        StringBuilder safe = new StringBuilder();
        name.codePoints().forEach(c -> safe.appendCodePoint(c < 0x20 || c == 0x7f || "/\\<>:\"|?*".indexOf(c) >= 0 ? '_' : c));
        String s = safe.toString().strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) {
            return "attachment-" + gid.value();
        }
        String stem = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (WINDOWS_RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
            s = "_" + s;
        }
        return truncate(s);
    }

    /**
     * Safe names for several attachments bound for one directory. The first of a name keeps it; a
     * later one (compared without case, for case-insensitive file systems) gets its gid before the
     * extension, {@code report (1205000000000043).pdf}, which stays the same on every run.
     *
     * @return each gid's file name, in the attachments' order
     */
    static Map<AttachmentGid, String> distinct(List<Attachment> attachments) {
        Map<AttachmentGid, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Attachment a : attachments) {
            String name = of(a.name(), a.gid());
            if (!taken.add(name.toLowerCase(Locale.ROOT))) {
                name = withSuffix(name, " (" + a.gid().value() + ")");
                taken.add(name.toLowerCase(Locale.ROOT));
            }
            names.put(a.gid(), name);
        }
        return names;
    }

    private static String withSuffix(String name, String suffix) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return truncate(stem + suffix + ext);
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - ext.length());
        // Leave room for ".part" beside the file while it downloads.
        int budget = MAX_BYTES - ext.getBytes(StandardCharsets.UTF_8).length - ".part".length();
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(c);
            used += bytes;
            i += Character.charCount(c);
        }
        return kept + ext;
    }
}
