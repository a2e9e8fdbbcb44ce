package dev.attache.client;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

record FileUpload(Path path, @Nullable String fileName, @Nullable String contentType,
        @Nullable ProgressListener progress) implements Upload {

    FileUpload {
        Objects.requireNonNull(path, "path");
        if (fileName == null && path.getFileName() == null) {
            throw new IllegalArgumentException("path has no file name: " + path);
        }
    }

    @Override
    public String name() {
        return fileName != null ? fileName : path.getFileName().toString();
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public Upload withName(String newName) {
        return new FileUpload(path, Objects.requireNonNull(newName, "name"), contentType, progress);
    }

    @Override
    public Upload withContentType(String type) {
        return new FileUpload(path, fileName, Objects.requireNonNull(type, "contentType"), progress);
    }

    @Override
    public Upload withProgress(ProgressListener listener) {
        return new FileUpload(path, fileName, contentType, Objects.requireNonNull(listener, "listener"));
    }
}
