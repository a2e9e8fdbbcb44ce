package dev.attache.cli.attachments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.attache.client.Field;
import dev.attache.client.Fields;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --fields} of {@code ls} and {@code get}: API field names, comma-separated, in the
 * order given.
 *
 * @param fields the fields, without duplicates
 */
record FieldList(List<Field> fields) {

    FieldList {
        fields = List.copyOf(fields);
    }

    static FieldList of(Field... fields) {
        return new FieldList(List.of(fields));
    }

    Fields toFields() {
        return Fields.of(fields.toArray(Field[]::new));
    }

    /** Parses {@code name,size,created_at}; an unknown name is a usage error. */
    static final class Converter implements ITypeConverter<FieldList> {
        @Override
        public FieldList convert(String value) {
            List<Field> out = new ArrayList<>();
            for (String name : value.split(",")) {
                Field f = Arrays.stream(Field.values()).filter(x -> x.wireName().equals(name.strip())).findFirst()
                        .orElseThrow(() -> new TypeConversionException("unknown field '" + name.strip() + "'; known: "
                                + Arrays.stream(Field.values()).map(Field::wireName).collect(Collectors.joining(", "))));
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
            return new FieldList(out);
        }
    }
}
