package dev.attache.server.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The faults waiting to happen: each rule answers the next {@code times} requests that match its
 * route, then is gone. Rules are tried in the order they were added; a request meets at most one.
 * Empty unless a test adds rules, so a server that has one behaves normally. Thread-safe.
 */
public final class FaultPlan {

    /**
     * A rule and how many more requests it applies to.
     *
     * @param route     which requests
     * @param remaining how many more matching requests it applies to
     * @param fault     what happens to them
     */
    public record Rule(RoutePattern route, int remaining, Fault fault) {
        public Rule {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(fault, "fault");
            if (remaining < 1) {
                throw new IllegalArgumentException("times must be at least 1 but was " + remaining);
            }
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /**
     * Makes the next {@code times} requests matching {@code route} meet {@code fault}.
     *
     * @throws IllegalArgumentException when the route does not parse or times is below 1
     */
    public Rule add(String route, int times, Fault fault) {
        Rule rule = new Rule(RoutePattern.parse(route), times, fault);
        synchronized (rules) {
            rules.add(rule);
        }
        return rule;
    }

    /** Takes one use of the first rule matching a request, if any. */
    public Optional<Fault> take(String method, String path) {
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (rule.route().matches(method, path)) {
                    if (rule.remaining() == 1) {
                        rules.remove(i);
                    } else {
                        rules.set(i, new Rule(rule.route(), rule.remaining() - 1, rule.fault()));
                    }
                    return Optional.of(rule.fault());
                }
            }
            return Optional.empty();
        }
    }

    /** The rules still waiting, in the order they apply. */
    public List<Rule> pending() {
        synchronized (rules) {
            return List.copyOf(rules);
        }
    }

    /** Drops every rule. */
    public void clear() {
        synchronized (rules) {
            rules.clear();
        }
    }
}
