package dev.attache.server.download;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=...} header, resolved against a file size. Several ranges
 * in one header are answered with the whole file, which RFC 9110 allows.
 */
record ByteRange(long first, long length) {

    /** Unsigned decimal, or nothing; Long.parseLong alone would also take "+1" and "-5". */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{0,18}");

    /** The header names only ranges outside the file: 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /**
     * The range to serve, or empty to serve the whole file (no usable range, or several).
     *
     * @throws Unsatisfiable when the one range starts beyond the end of the file
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (!DIGITS.matcher(a).matches() || !DIGITS.matcher(b).matches() || (a.isEmpty() && b.isEmpty())) {
            return Optional.empty(); // RFC 9110: a malformed range is ignored, not refused
        }
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                long n = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - n, n));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first >= size) {
                throw new Unsatisfiable();
            }
            if (last < first) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(first, last - first + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
