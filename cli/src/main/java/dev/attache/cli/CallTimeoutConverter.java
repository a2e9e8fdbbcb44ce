package dev.attache.cli;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A bound on a call to a dependency, read like every other duration ({@code 10s}, {@code 2m}): from one
 * second (a bound below that cuts off a healthy store's ordinary pauses) to one day (far beyond any
 * useful wait, and within the millisecond int a socket timeout is kept in).
 */
final class CallTimeoutConverter implements ITypeConverter<Duration> {

    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofDays(1);

    private final DurationConverter durations = new DurationConverter();

    @Override
    public Duration convert(String value) {
        Duration d = durations.convert(value);
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + value + "' is not between 1s and 24h");
        }
        return d;
    }
}
