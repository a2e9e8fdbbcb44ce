package dev.attache.client;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a response should contain: the {@code opt_fields} to return and whether to pretty-print
 * ({@code opt_pretty}). Immutable; safe to share.
 *
 * <pre>{@code
 * Fields.of(Field.NAME, Field.SIZE, Field.DOWNLOAD_URL)
 * Fields.defaults().withPretty()
 * }</pre>
 *
 * @param fields the fields to ask for; empty means the API's default set; an unmodifiable copy
 * @param pretty whether to send {@code opt_pretty=true}
 */
public record Fields(Set<Field> fields, boolean pretty) {

    private static final Fields DEFAULTS = new Fields(Set.of(), false);

    /**
     * Copies the set.
     *
     * @param fields the fields to ask for; empty means the API's default set; an unmodifiable copy
     * @param pretty whether to send {@code opt_pretty=true}
     * @throws NullPointerException if {@code fields} is null
     */
    public Fields {
        Objects.requireNonNull(fields, "fields");
        fields = fields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fields));
    }

    /**
     * The API's default fields, not pretty-printed.
     *
     * @return the default
     */
    public static Fields defaults() {
        return DEFAULTS;
    }

    /**
     * Exactly these fields (plus {@code gid}, which the API always returns).
     *
     * @param fields the fields
     * @return the selection
     */
    public static Fields of(Field... fields) {
        return new Fields(Set.copyOf(Arrays.asList(fields)), false);
    }

    /**
     * The same selection, pretty-printed.
     *
     * @return a new value with {@code pretty} set
     */
    public Fields withPretty() {
        return new Fields(fields, true);
    }

    /**
     * The comma-joined {@code opt_fields} value in declaration order, or the empty string when
     * the default set is wanted.
     *
     * @return for example {@code "download_url,name,size"}
     */
    public String optFields() {
        if (fields.isEmpty()) {
            return "";
        }
        return fields.stream().sorted().map(Field::wireName).collect(Collectors.joining(","));
    }
}
