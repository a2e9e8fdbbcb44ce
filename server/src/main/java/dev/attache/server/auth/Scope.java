package dev.attache.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** OAuth scopes the Attachments API checks (docs/api.md §2). {@code default} grants all of them. */
public enum Scope {
    READ("attachments:read"),
    WRITE("attachments:write"),
    DELETE("attachments:delete");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The scope as Asana spells it. */
    public String wireName() {
        return wireName;
    }

    /** Every scope, as granted by {@code default} and by personal access tokens. */
    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** Parses {@code attachments:read} or {@code default}; empty for an unknown name. */
    public static Optional<Set<Scope>> parse(String name) {
        if (name.equals("default")) {
            return Optional.of(all());
        }
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst().map(EnumSet::of);
    }
}
