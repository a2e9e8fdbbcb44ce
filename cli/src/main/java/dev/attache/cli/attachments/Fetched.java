package dev.attache.cli.attachments;

import java.nio.file.Path;
import java.util.Objects;

import dev.attache.client.Attachment;

/**
 * One attachment's bytes, now in a local file.
 *
 * @param attachment the attachment, with name, size and created_at
 * @param file       where its bytes are
 * @param how        whether they were fetched, partly fetched, or already there
 */
record Fetched(Attachment attachment, Path file, How how) {

    Fetched {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(how, "how");
    }

    /** How the file came to hold the bytes. */
    enum How {
        /** Fetched in full. */
        DOWNLOADED,
        /** An earlier run's {@code .part} file was completed. */
        RESUMED,
        /** The file already held the bytes; nothing was written. */
        ALREADY_THERE
    }

    /** One line for a person: what happened to which file. */
    String describe() {
        return switch (how) {
            case DOWNLOADED -> "Downloaded " + attachment.gid() + " to " + file;
            case RESUMED -> "Resumed " + attachment.gid() + " into " + file;
            case ALREADY_THERE -> "Skipped " + attachment.gid() + ": " + file + " already holds it";
        };
    }
}
