package dev.attache.client.internal;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads {@code Retry-After} as whole seconds or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {
    }

    static @Nullable Duration parse(HttpResponse<?> response, Clock clock) {
        return response.headers().firstValue("Retry-After").map(v -> parse(v.trim(), clock)).orElse(null);
    }

    static @Nullable Duration parse(String value, Clock clock) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
