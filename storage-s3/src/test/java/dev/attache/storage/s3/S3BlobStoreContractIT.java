package dev.attache.storage.s3;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobStoreContract;
import dev.attache.server.testing.MutableClock;
import dev.attache.storage.s3.testing.S3Mock;

/** The blob store contract on S3Mock, each test under a prefix of its own. */
class S3BlobStoreContractIT extends BlobStoreContract {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<S3BlobStore> opened = new ArrayList<>();
    private S3Settings settings;

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
    }

    @Override
    protected BlobStore store() {
        // Parts in parallel here, one at a time (the default) in S3BlobStoreIT: the contract holds for both.
        settings = S3.settings("contract-" + UUID.randomUUID()).withPartSize(S3Settings.MIN_PART_SIZE).withPartsInFlight(3);
        return open(settings);
    }

    @Override
    protected BlobStore unreachableStore() {
        return open(S3Settings.resolve("s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8),
                S3.endpoint().toString(), S3Mock.REGION, Map.of()));
    }

    @Override
    protected int partialWrites() {
        return S3.unfinishedUploads(settings.location());
    }

    @Override
    protected int largeBlobSize() {
        // Two full parts and a short last one.
        return 2 * S3Settings.MIN_PART_SIZE + (1 << 20);
    }

    @Override
    protected void agePartialWrites() {
        clock.advance(S3Settings.DEFAULT_STALE_UPLOAD_AFTER.plus(Duration.ofMinutes(1)));
    }

    private S3BlobStore open(S3Settings s) {
        S3BlobStore store = S3BlobStore.open(s, clock);
        opened.add(store);
        return store;
    }
}
