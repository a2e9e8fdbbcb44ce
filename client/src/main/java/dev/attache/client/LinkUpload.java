package dev.attache.client;

import java.net.URI;
import java.util.Objects;

record LinkUpload(URI url, String name, boolean connectToApp) implements Upload {

    LinkUpload {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        String scheme = url.getScheme();
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("url must be an absolute http or https URL, got " + url);
        }
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public Upload withName(String newName) {
        return new LinkUpload(url, Objects.requireNonNull(newName, "name"), connectToApp);
    }

    @Override
    public Upload withContentType(String contentType) {
        throw new UnsupportedOperationException("a link carries no bytes, so it has no content type");
    }

    @Override
    public Upload withProgress(ProgressListener listener) {
        throw new UnsupportedOperationException("a link carries no bytes, so it has no progress");
    }
}
