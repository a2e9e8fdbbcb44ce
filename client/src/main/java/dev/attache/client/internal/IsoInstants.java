package dev.attache.client.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads ISO-8601 instants as the API writes them, {@code 2026-01-30T07:02:11.454Z}, without
 * {@link Instant#parse}'s cost: on Java 17 every {@code Instant.parse} builds a new
 * {@code DateTimeFormatter} and resolves its fields through maps, which made it one of the two
 * largest costs of decoding an attachment. Anything outside the plain UTC form (offsets, lower
 * case, leap seconds, hour 24, years beyond four digits, invalid dates) goes to
 * {@code Instant.parse}, so results and errors are exactly its own.
 */
public final class IsoInstants {

    private static final int PLAIN_LENGTH = "2026-01-30T07:02:11Z".length();

    private IsoInstants() {
    }

    /**
     * Parses {@code text} as {@link Instant#parse} does.
     *
     * @param text an ISO-8601 instant
     * @return the instant
     * @throws DateTimeParseException if {@code Instant.parse} would throw it
     */
    public static Instant parse(CharSequence text) {
        Instant plain = parseUtc(text);
        return plain != null ? plain : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range, else null. */
    private static @Nullable Instant parseUtc(CharSequence s) {
        int length = s.length();
        if (length < PLAIN_LENGTH || length > PLAIN_LENGTH + 10 || s.charAt(length - 1) != 'Z'
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = fraction(s, 19, length - 1);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return LocalDate.of(year, month, 1).lengthOfMonth();
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
    private static int digits(CharSequence s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Nanoseconds of an optional {@code .f{1,9}} between {@code from} and {@code end}, or -1. */
    private static int fraction(CharSequence s, int from, int end) {
        if (from == end) {
            return 0;
        }
        int count = end - from - 1;
        if (s.charAt(from) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int value = digits(s, from + 1, count);
        for (int i = count; i < 9 && value >= 0; i++) {
            value *= 10;
        }
        return value;
    }
}
