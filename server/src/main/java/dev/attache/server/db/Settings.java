package dev.attache.server.db;

import java.util.Optional;

/**
 * Named values every node of a cluster reads the same way, such as the signing secret. A value is
 * written once, by whichever node gets there first, and never changes after. Thread-safe.
 */
public final class Settings {

    private final Jdbc jdbc;

    public Settings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a value unless the name has one already; joins the caller's transaction, if any.
     *
     * @return whether this call stored it (false when another caller, perhaps on another node, did first)
     */
    public boolean insertIfAbsent(String name, String value) {
        return jdbc.update("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING", name, value) == 1;
    }

    /** The value under a name, if one was stored. */
    public Optional<String> get(String name) {
        return jdbc.queryOne("SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), name);
    }

    /** The value under a name, storing the proposed one first when there is none yet. */
    public String getOrInsert(String name, String proposed) {
        insertIfAbsent(name, proposed);
        return get(name).orElseThrow(() -> new IllegalStateException("setting " + name + " vanished after it was stored"));
    }
}
