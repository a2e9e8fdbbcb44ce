package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.attache.server.signing.Sha256;

/**
 * The files an earlier export wrote for attachments the parent no longer has. Only what the earlier
 * manifest lists counts, and only while the file still holds the bytes the export wrote: a file the
 * export did not write, or one changed since, is never taken for stale.
 *
 * @param unchanged files as the export wrote them, which {@code --delete} may remove
 * @param changed   files whose attachment is gone but whose bytes changed since the export wrote them
 */
record StaleFiles(List<Manifest.Entry> unchanged, List<Manifest.Entry> changed) {

    StaleFiles {
        unchanged = List.copyOf(unchanged);
        changed = List.copyOf(changed);
    }

    /**
     * Compares the earlier manifest with the listing.
     *
     * @param earlier    the manifest the directory held before this run
     * @param listed     the gids of the files the parent has now
     * @param namesInUse the file names this run writes, which no stale entry may claim
     * @param dir        the export directory
     */
    static StaleFiles find(Manifest earlier, Set<String> listed, Set<String> namesInUse, Path dir) {
        List<Manifest.Entry> unchanged = new ArrayList<>();
        List<Manifest.Entry> changed = new ArrayList<>();
        for (Manifest.Entry e : earlier.entries()) {
            if (listed.contains(e.gid()) || namesInUse.contains(e.file()) || !isPlainName(e.file())) {
                continue;
            }
            Path file = dir.resolve(e.file());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            (holdsWhatWasWritten(file, e) ? unchanged : changed).add(e);
        }
        return new StaleFiles(unchanged, changed);
    }

    /** A name for a file directly in the directory: no separator, no {@code ..}, as the export writes them. */
    private static boolean isPlainName(String file) {
        return !file.isEmpty() && !file.equals(".") && !file.equals("..") && file.indexOf('/') < 0
                && file.indexOf('\\') < 0 && file.indexOf('\0') < 0;
    }

    private static boolean holdsWhatWasWritten(Path file, Manifest.Entry e) {
        try {
            return Files.size(file) == e.size() && Sha256.of(file).equals(e.sha256());
        } catch (IOException | UncheckedIOException ex) {
            return false;
        }
    }

    boolean isEmpty() {
        return unchanged.isEmpty() && changed.isEmpty();
    }
}
