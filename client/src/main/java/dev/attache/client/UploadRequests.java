package dev.attache.client;

import dev.attache.client.internal.ApiRequest;
import dev.attache.client.internal.FilePart;
import dev.attache.client.internal.FormField;
import dev.attache.client.internal.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Turns an {@link Upload} into the multipart {@code POST /attachments} request. */
final class UploadRequests {

    private static final String OCTET_STREAM = "application/octet-stream";

    private UploadRequests() {
    }

    static ApiRequest toRequest(ParentGid parent, Upload upload, Fields fields) {
        List<FormField> form = new ArrayList<>();
        form.add(new FormField("parent", parent.value()));
        FilePart file = null;
        if (upload instanceof LinkUpload) {
            LinkUpload link = (LinkUpload) upload;
            form.add(new FormField("resource_subtype", "external"));
            form.add(new FormField("url", link.url().toString()));
            form.add(new FormField("name", link.name()));
            if (link.connectToApp()) {
                form.add(new FormField("connect_to_app", "true"));
            }
        } else {
            form.add(new FormField("resource_subtype", "asana"));
            file = filePart(upload);
            if (file.length() > Upload.MAX_FILE_BYTES) {
                // The server would read all of it before its 413; the size is known now.
                throw new PayloadTooLargeException(new ErrorResponse("POST", "/attachments", 413, List.of(new AsanaError(
                        "file: The file is " + file.length() + " bytes, over the 100 MB size limit ("
                                + Upload.MAX_FILE_BYTES + " bytes); nothing was sent", null, null)), null, null));
            }
        }
        // opt_fields travel in the query like every other call; the contract also accepts them as a
        // form field, but the query keeps one code path for all four operations.
        return new ApiRequest("POST", "/attachments", Queries.of(fields), MultipartBody.of(form, file),
                upload.replayable());
    }

    private static FilePart filePart(Upload upload) {
        if (upload instanceof FileUpload) {
            FileUpload f = (FileUpload) upload;
            return new FilePart(f.name(), orElse(f.contentType(), probe(f)), size(f), () -> open(f),
                    listener(f.progress()));
        }
        if (upload instanceof BytesUpload) {
            BytesUpload b = (BytesUpload) upload;
            return new FilePart(b.name(), orElse(b.contentType(), OCTET_STREAM), b.data().length,
                    () -> new ByteArrayInputStream(b.data()), listener(b.progress()));
        }
        if (upload instanceof StreamUpload) {
            StreamUpload s = (StreamUpload) upload;
            return new FilePart(s.name(), orElse(s.contentType(), OCTET_STREAM), s.length(), () -> open(s),
                    listener(s.progress()));
        }
        OneShotUpload o = (OneShotUpload) upload;
        return new FilePart(o.name(), orElse(o.contentType(), OCTET_STREAM), -1, once(o.in()),
                listener(o.progress()));
    }

    private static Supplier<InputStream> once(InputStream in) {
        AtomicBoolean used = new AtomicBoolean();
        // A one-shot stream handed out twice would send whatever is left of it, usually nothing,
        // and the server would store a truncated file; fail loudly instead.
        return () -> {
            if (used.getAndSet(true)) {
                throw new IllegalStateException("a one-shot upload stream cannot be sent twice");
            }
            return in;
        };
    }

    private static InputStream open(FileUpload f) {
        try {
            return Files.newInputStream(f.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(StreamUpload s) {
        try {
            return s.source().open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the stream of " + s.name(), e);
        }
    }

    private static long size(FileUpload f) {
        try {
            return Files.size(f.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + f.path(), e);
        }
    }

    private static String probe(FileUpload f) {
        try {
            return orElse(Files.probeContentType(f.path()), OCTET_STREAM);
        } catch (IOException e) {
            return OCTET_STREAM;
        }
    }

    private static String orElse(@Nullable String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static ProgressListener listener(@Nullable ProgressListener listener) {
        return listener != null ? listener : ProgressListener.none();
    }

}
