package dev.attache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptFieldsTest {

    private static Map<String, Object> record() {
        Map<String, Object> creator = new LinkedHashMap<>(Map.of("gid", "9", "resource_type", "user"));
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("gid", "2");
        parent.put("resource_type", "task");
        parent.put("name", "T");
        parent.put("created_by", creator);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gid", "1");
        out.put("name", "n");
        out.put("parent", parent);
        return out;
    }

    @Test
    void objectAndItsSubFieldMerge() {
        Map<String, Object> projected = OptFields.parse("parent,parent.name").project(record());

        assertThat(projected.get("parent")).isEqualTo(Map.of("gid", "2", "resource_type", "task", "name", "T"));
    }

    @Test
    void nestedObjectNamedAloneIsItsCompactForm() {
        Map<String, Object> projected = OptFields.parse("parent.created_by").project(record());

        assertThat(projected.get("parent")).isEqualTo(Map.of("gid", "2", "created_by", Map.of("gid", "9", "resource_type", "user")));
    }

    @Test
    void subFieldOfAScalarIsIgnored() {
        assertThat(OptFields.parse("name.first").project(record())).containsOnlyKeys("gid");
    }

    @Test
    void emptyEntriesAreIgnored() {
        assertThat(OptFields.parse(",, name ,").project(record())).containsOnlyKeys("gid", "name");
    }

    @Test
    void pathsWithAnEmptySegmentNameNothing() {
        for (String separatorsOnly : new String[] {".", "..", "this..", "this.", ".name", "name.", "parent..name", "name,."}) {
            assertThat(OptFields.parse(separatorsOnly).project(record())).as(separatorsOnly)
                    .containsOnlyKeys(separatorsOnly.startsWith("name,") ? new String[] {"gid", "name"} : new String[] {"gid"});
        }
    }
}
