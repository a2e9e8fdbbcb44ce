package dev.attache.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.attache.cli.attachments.TextWidth;
import dev.attache.cli.output.JsonLines;
import dev.attache.cli.output.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Rows to print: an aligned table for people (columns measured in screen cells, so a CJK name
 * takes the room it takes on screen), one JSON object per line, or the gids alone. A cell
 * is a string, a list of strings, or {@code null} for "none".
 *
 * @param columns the column names, also the JSON keys
 * @param rows    one list of cells per row, each as long as {@code columns}
 */
record Listing(List<String> columns, List<List<Object>> rows) {

    Listing {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    /**
     * Prints the rows in the chosen mode.
     *
     * @throws ParameterException for {@code --ids} when the rows have no {@code gid} column
     */
    void print(CommandLine command, OutputFormat.Mode mode) {
        PrintWriter out = command.getOut();
        switch (mode) {
            case TEXT -> out.println(toTable());
            case JSON -> objects().forEach(o -> out.println(JsonLines.line(o)));
            case IDS -> {
                int gid = columns.indexOf("gid");
                if (gid < 0) {
                    throw new ParameterException(command, "these rows have no gid of their own; use --json");
                }
                rows.forEach(row -> out.println(row.get(gid)));
            }
        }
        out.flush();
    }

    /** The rows as objects keyed by column name, for embedding in a larger JSON document. */
    List<Map<String, Object>> objects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            objects.add(object);
        }
        return objects;
    }

    String toTable() {
        int[] widths = new int[columns.size()];
        List<List<String>> lines = new ArrayList<>();
        lines.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList());
        rows.forEach(row -> lines.add(row.stream().map(Listing::text).toList()));
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], TextWidth.of(line.get(i)));
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                boolean last = i == line.size() - 1;
                table.append(last ? line.get(i) : TextWidth.fit(line.get(i), widths[i]) + "  ");
            }
            table.append(System.lineSeparator());
        }
        return table.toString().stripTrailing();
    }

    private static String text(Object cell) {
        if (cell == null) {
            return "-";
        }
        if (cell instanceof List<?> list) {
            return list.isEmpty() ? "-" : String.join(",", list.stream().map(Objects::toString).toList());
        }
        return cell.toString();
    }
}
