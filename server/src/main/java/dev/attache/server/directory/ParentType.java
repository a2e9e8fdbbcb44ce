package dev.attache.server.directory;

/** The kinds of object an attachment can hang from, with Asana's {@code resource_type} names. */
public enum ParentType {
    TASK("task"),
    PROJECT("project"),
    PROJECT_BRIEF("project_brief");

    private final String resourceType;

    ParentType(String resourceType) {
        this.resourceType = resourceType;
    }

    /** The {@code resource_type} on the wire. */
    public String resourceType() {
        return resourceType;
    }

    /** Asana's {@code resource_subtype}: {@code default_task} for tasks, null otherwise. */
    public String resourceSubtype() {
        return this == TASK ? "default_task" : null;
    }

    /** The type for a stored {@code resource_type}. */
    public static ParentType of(String resourceType) {
        for (ParentType t : values()) {
            if (t.resourceType.equals(resourceType)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown parent type " + resourceType);
    }
}
