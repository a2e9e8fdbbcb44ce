package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One thing {@code upload} was asked to send, named as the attachment will be: a local file,
 * standard input, or an argument that names nothing sendable.
 */
sealed interface UploadSource {

    /** The argument that means standard input. */
    String STANDARD_INPUT = "-";

    /** How the result lines name it. */
    String shown();

    /**
     * Stands between the parts of a path below a tree's root in an attachment's name. Not {@code /}:
     * the API keeps only the last segment of an uploaded file's name, as multipart file names are
     * read (RFC 7578), so {@code sub/b.txt} would be stored as {@code b.txt}. U+2215 DIVISION SLASH
     * looks like one, takes one cell, and is a legal file name character on every system, so an
     * export of the parent writes {@code sub∕b.txt} as it is.
     */
    String SEPARATOR = "\u2215";

    /**
     * A file, named after itself or, inside a tree given with {@code -r}, after its path below the
     * tree's root with {@link #SEPARATOR} between the parts on every system.
     */
    record LocalFile(Path file, String name) implements UploadSource {
        public LocalFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String shown() {
            return file.toString();
        }
    }

    /** Standard input, read once and streamed as it is read, under {@code --name}. */
    record StandardInput(String name) implements UploadSource {
        public StandardInput {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String shown() {
            return "standard input";
        }
    }

    /** An argument that cannot be sent, and why. */
    record Refused(String shown, String reason) implements UploadSource {
        public Refused {
            Objects.requireNonNull(shown, "shown");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What the arguments ask to send, in their order; with {@code recursive}, a directory stands
     * for every file below it, in name order.
     *
     * @param standardInputName the {@code --name} that {@code -} is sent under
     */
    static List<UploadSource> of(List<Path> arguments, boolean recursive, @Nullable String standardInputName) {
        List<UploadSource> sources = new ArrayList<>();
        for (Path argument : arguments) {
            if (isStandardInput(argument)) {
                sources.add(new StandardInput(Objects.requireNonNull(standardInputName, "standardInputName")));
            } else if (recursive && Files.isDirectory(argument)) {
                sources.addAll(tree(argument));
            } else {
                Path name = argument.getFileName();
                sources.add(new LocalFile(argument, name == null ? argument.toString() : name.toString()));
            }
        }
        return sources;
    }

    /** Whether the argument is {@code -}, standard input. */
    static boolean isStandardInput(Path argument) {
        return argument.toString().equals(STANDARD_INPUT);
    }

    private static List<UploadSource> tree(Path root) {
        List<UploadSource> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !Files.isDirectory(p)).sorted()
                    .forEach(p -> files.add(new LocalFile(p, nameBelow(root, p))));
        } catch (IOException | UncheckedIOException e) {
            return List.of(new Refused(root.toString(), "cannot be read in full: " + Failures.fileSystem(
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e)));
        }
        return files.isEmpty() ? List.of(new Refused(root.toString(), "is a directory with no files below it")) : files;
    }

    /** {@code sub∕a.txt} for {@code root/sub/a.txt}: the same on Windows as on Linux. */
    private static String nameBelow(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join(SEPARATOR, parts);
    }
}
