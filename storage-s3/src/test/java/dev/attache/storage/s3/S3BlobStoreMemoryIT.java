package dev.attache.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.signing.Sha256;
import dev.attache.storage.s3.testing.S3Mock;

/** An upload's memory does not grow with its size: 100 MiB go through a store in a 64 MiB heap. */
class S3BlobStoreMemoryIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    private static final long SIZE = 100L << 20;

    @Test
    void hundredMebibytesStreamIntoS3FromASixtyFourMebibyteHeap() throws Exception {
        String location = S3.blobStoreUri("memory");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                UploadInSmallHeap.class.getName(), location, S3.endpoint().toString(), Long.toString(SIZE)))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        String key = output.lines().filter(l -> l.startsWith("KEY ")).findFirst().orElseThrow().substring(4);
        try (S3BlobStore store = S3BlobStore.open(S3.settings("memory"))) {
            BlobStore.Blob blob = store.open(key).orElseThrow();
            assertThat(blob.size()).isEqualTo(SIZE);
            assertThat(sha256(blob)).isEqualTo(expectedSha256());
        }
    }

    private static String sha256(BlobStore.Blob blob) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[UploadInSmallHeap.CHUNK];
        try (InputStream in = blob.openRange(0, blob.size())) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest);
    }

    private static String expectedSha256() {
        MessageDigest digest = Sha256.newDigest();
        GeneratedBytes source = new GeneratedBytes(SIZE);
        ByteBuffer chunk = ByteBuffer.allocate(UploadInSmallHeap.CHUNK);
        while (source.fill(chunk)) {
            digest.update(chunk.flip());
            chunk.clear();
        }
        return Sha256.hex(digest);
    }

}
