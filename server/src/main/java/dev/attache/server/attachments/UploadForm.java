package dev.attache.server.attachments;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.attache.server.blob.BlobWriter;

/**
 * A multipart upload as read off the wire: its text fields and, if it had one, the file part already
 * streamed into an uncommitted blob. Closing the form aborts that blob unless it was committed, so a
 * request that fails after reading leaves no bytes behind.
 *
 * @param fields text parts by name (the first of each name wins)
 * @param file   the file part, or null when the form had none
 */
record UploadForm(Map<String, String> fields, @Nullable ReceivedFile file) implements AutoCloseable {

    UploadForm {
        fields = Map.copyOf(fields);
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    @Override
    public void close() {
        if (file != null) {
            file.blob().abort();
        }
    }

    /**
     * The file part.
     *
     * @param blob        the uncommitted blob holding its bytes
     * @param filename    the name the part carried (decoded, not yet cleaned), or null
     * @param contentType the part's media type
     * @param size        bytes received
     * @param sha256      hex SHA-256 of those bytes
     */
    record ReceivedFile(BlobWriter blob, @Nullable String filename, String contentType, long size, String sha256) {
    }
}
