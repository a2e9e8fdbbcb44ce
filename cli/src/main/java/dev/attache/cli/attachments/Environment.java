package dev.attache.cli.attachments;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables the client commands read ({@code ASANA_BASE_URL},
 * {@code ASANA_ACCESS_TOKEN}, {@code ATTACHE_DATA_DIR}, and {@code XDG_CONFIG_HOME} and {@code HOME}
 * for the saved sign-in); passed in, so tests set them without touching the process's own.
 *
 * @param variables name to value
 */
public record Environment(Map<String, String> variables) {

    /** Copies the map. */
    public Environment {
        variables = Map.copyOf(variables);
    }

    /**
     * The process's environment.
     *
     * @return its variables
     */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** A variable's value, empty when unset or blank. */
    Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
