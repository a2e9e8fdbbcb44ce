package dev.attache.testkit;

import java.util.Objects;

/**
 * A fault still waiting for requests, as {@link Faults#pending()} lists it.
 *
 * @param route     the requests it applies to, such as {@code "POST /attachments"}, or
 *                  {@code "* /attachments"} when added without a method
 * @param remaining how many more matching requests it will meet, at least 1
 * @param fault     what it does to them
 */
public record PendingFault(String route, int remaining, Fault fault) {
    /** Checks the values. */
    public PendingFault {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
    }
}
