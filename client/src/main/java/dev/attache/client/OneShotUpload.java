package dev.attache.client;

import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

record OneShotUpload(String name, InputStream in, @Nullable String contentType,
        @Nullable ProgressListener progress) implements Upload {

    OneShotUpload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public Upload withName(String newName) {
        return new OneShotUpload(Objects.requireNonNull(newName, "name"), in, contentType, progress);
    }

    @Override
    public Upload withContentType(String type) {
        return new OneShotUpload(name, in, Objects.requireNonNull(type, "contentType"), progress);
    }

    @Override
    public Upload withProgress(ProgressListener listener) {
        return new OneShotUpload(name, in, contentType, Objects.requireNonNull(listener, "listener"));
    }
}
