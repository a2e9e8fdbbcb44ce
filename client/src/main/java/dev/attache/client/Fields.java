package dev.attache.client;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a response should contain: the {@code opt_fields} to return and whether to pretty-print
 * ({@code opt_pretty}). Immutable; safe to share.
 *
 * <pre>{@code
 * Fields.of(Field.NAME, Field.SIZE, Field.DOWNLOAD_URL)
 * Fields.named("name", "a_field_asana_added_later")
 * Fields.defaults().withPretty()
 * }</pre>
 *
 * @param fields the known fields to ask for; an unmodifiable copy
 * @param otherFields fields by their API names that {@link Field} does not list (ones Asana adds
 *     later, for example); an unmodifiable copy. Both empty means the API's default set
 * @param pretty whether to send {@code opt_pretty=true}
 */
public record Fields(Set<Field> fields, Set<String> otherFields, boolean pretty) {

    private static final Fields DEFAULTS = new Fields(Set.of(), Set.of(), false);
    /** A name the API could accept in the comma-separated {@code opt_fields}. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    /**
     * Copies the sets and checks the other names.
     *
     * @param fields the known fields to ask for
     * @param otherFields fields by their API names
     * @param pretty whether to send {@code opt_pretty=true}
     * @throws NullPointerException if a set is null
     * @throws IllegalArgumentException if an other name is not a field name, such as
     *     {@code "a,b"} or {@code ""}
     */
    public Fields {
        Objects.requireNonNull(fields, "fields");
        fields = fields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fields));
        for (String name : Objects.requireNonNull(otherFields, "otherFields")) {
            if (!FIELD_NAME.matcher(Objects.requireNonNull(name, "field name")).matches()) {
                throw new IllegalArgumentException("not a field name: \"" + name + "\"");
            }
        }
        otherFields = Collections.unmodifiableSet(new TreeSet<>(otherFields));
    }

    /**
     * A selection of known fields only.
     *
     * @param fields the known fields to ask for
     * @param pretty whether to send {@code opt_pretty=true}
     */
    public Fields(Set<Field> fields, boolean pretty) {
        this(fields, Set.of(), pretty);
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
     * Exactly the fields with these API names, whether {@link Field} lists them or not: the way to
     * ask for a field Asana adds before this client knows it.
     *
     * @param wireNames for example {@code "name"} or {@code "parent.name"}
     * @return the selection
     * @throws IllegalArgumentException if a name is not a field name
     */
    public static Fields named(String... wireNames) {
        Set<Field> known = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String name : wireNames) {
            Field field = Field.forWireName(Objects.requireNonNull(name, "field name"));
            if (field != null) {
                known.add(field);
            } else {
                others.add(name);
            }
        }
        return new Fields(known, others, false);
    }

    /**
     * The same selection, pretty-printed.
     *
     * @return a new value with {@code pretty} set
     */
    public Fields withPretty() {
        return new Fields(fields, otherFields, true);
    }

    /**
     * The comma-joined {@code opt_fields} value in name order, or the empty string when the
     * default set is wanted.
     *
     * @return for example {@code "download_url,name,size"}
     */
    public String optFields() {
        return Stream.concat(fields.stream().map(Field::wireName), otherFields.stream())
                .sorted()
                .collect(Collectors.joining(","));
    }
}
