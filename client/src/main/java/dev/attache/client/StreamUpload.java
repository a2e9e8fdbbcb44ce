package dev.attache.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

record StreamUpload(String name, InputStreamSource source, long length,
        @Nullable String contentType, @Nullable ProgressListener progress) implements Upload {

    StreamUpload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public Upload withName(String newName) {
        return new StreamUpload(Objects.requireNonNull(newName, "name"), source, length, contentType, progress);
    }

    @Override
    public Upload withContentType(String type) {
        return new StreamUpload(name, source, length, Objects.requireNonNull(type, "contentType"), progress);
    }

    @Override
    public Upload withProgress(ProgressListener listener) {
        return new StreamUpload(name, source, length, contentType, Objects.requireNonNull(listener, "listener"));
    }
}
