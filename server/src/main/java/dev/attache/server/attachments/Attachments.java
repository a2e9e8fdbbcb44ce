package dev.attache.server.attachments;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.attache.server.PublicBase;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.directory.Access;
import dev.attache.server.download.DownloadUrls;
import dev.attache.server.http.Json;
import dev.attache.server.http.RequestBodies;
import dev.attache.server.ops.ServerMetrics;
import dev.attache.server.signing.Signer;

/** Wires the attachment feature's package-private parts for the composition root. */
public final class Attachments {

    private Attachments() {
    }

    /** The routes over a service. */
    public static AttachmentRoutes routes(AttachmentService service, BlobStore blobs, DownloadUrls downloads,
                                          Signer signer, Duration offsetTtl, Clock clock, Access access, Json json,
                                          PublicBase base, ServerMetrics metrics, Executor hashing, RequestBodies bodies,
                                          int maxUploadsInFlight) {
        return new AttachmentRoutes(service, new MultipartUploadReader(blobs, hashing), new AttachmentView(downloads, base),
                new PageTokens(signer, offsetTtl, clock), access, json, base, metrics, bodies, new UploadSlots(maxUploadsInFlight));
    }
}
