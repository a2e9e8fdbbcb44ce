package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.client.ParentGid;

/**
 * The {@code manifest.json} an export writes: one entry per file it holds.
 *
 * @param parent  the exported task, project or project brief
 * @param entries the files, in the parent's attachment order
 */
record Manifest(ParentGid parent, List<Entry> entries) {

    static final String FILE_NAME = "manifest.json";

    Manifest {
        Objects.requireNonNull(parent, "parent");
        entries = List.copyOf(entries);
    }

    /**
     * One exported file.
     *
     * @param gid       the attachment
     * @param name      its name on the server
     * @param file      its file name in the export directory
     * @param size      bytes
     * @param sha256    lowercase hex digest of the file
     * @param createdAt the attachment's {@code created_at}, or null if the server gave none
     */
    record Entry(String gid, String name, String file, long size, String sha256,
            @org.jspecify.annotations.Nullable String createdAt) {
    }

    /**
     * The manifest an earlier export left in {@code dir}.
     *
     * @return empty when there is none
     * @throws UncheckedIOException when there is one that cannot be read or is not a manifest
     */
    static Optional<Manifest> readFrom(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<Entry> entries = new ArrayList<>();
            for (JsonNode n : root.path("attachments")) {
                entries.add(new Entry(text(n, "gid"), text(n, "name"), text(n, "file"), n.path("size").asLong(-1),
                        text(n, "sha256"), n.hasNonNull("created_at") ? n.get("created_at").asText() : null));
            }
            return Optional.of(new Manifest(new ParentGid(text(root, "parent")), entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("not an export manifest (" + e.getMessage() + ")", e));
        }
    }

    private static String text(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return node.get(field).asText();
    }

    /** Writes {@code dir/manifest.json}, replacing any earlier one only once complete. */
    void writeTo(Path dir) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("parent", parent.value());
        ArrayNode files = root.putArray("attachments");
        for (Entry e : entries) {
            ObjectNode n = files.addObject();
            n.put("gid", e.gid());
            n.put("name", e.name());
            n.put("file", e.file());
            n.put("size", e.size());
            n.put("sha256", e.sha256());
            n.put("created_at", e.createdAt());
        }
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(tmp, mapper.writeValueAsString(root) + "\n");
            Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }
}
