package dev.attache.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

// The array is copied by Upload.bytes and never handed out, so the record stays immutable.
@SuppressWarnings("ArrayRecordComponent")
record BytesUpload(String name, byte[] data, @Nullable String contentType,
        @Nullable ProgressListener progress) implements Upload {

    BytesUpload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public Upload withName(String newName) {
        return new BytesUpload(Objects.requireNonNull(newName, "name"), data, contentType, progress);
    }

    @Override
    public Upload withContentType(String type) {
        return new BytesUpload(name, data, Objects.requireNonNull(type, "contentType"), progress);
    }

    @Override
    public Upload withProgress(ProgressListener listener) {
        return new BytesUpload(name, data, contentType, Objects.requireNonNull(listener, "listener"));
    }
}
