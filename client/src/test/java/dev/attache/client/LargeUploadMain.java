package dev.attache.client;

import java.net.URI;
import java.nio.file.Path;

/** Uploads one file and exits; run in a JVM with a small heap to prove the upload streams. */
public final class LargeUploadMain {

    private LargeUploadMain() {
    }

    public static void main(String[] args) {
        AttachmentsApi api = AttachmentsApi.builder().baseUri(URI.create(args[0])).token(args[1])
                .retry(RetryPolicy.none()).build();
        Attachment a = api.createAttachmentForObject(ParentGid.of("42"), Upload.file(Path.of(args[2]))).join();
        System.out.println("uploaded " + a.gid());
    }
}
