package dev.attache.server.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex, the one form the project stores and compares: token hashes, upload
 * digests (the download ETag), scrub checks and the export manifest. Stateless; thread-safe.
 */
public final class Sha256 {

    private static final int BUFFER_BYTES = 128 * 1024;

    private Sha256() {
    }

    /** A fresh digest, for bytes that arrive piece by piece; finish it with {@link #hex(MessageDigest)}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Completes a digest and returns it as lowercase hex; the digest is reset. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of a string's UTF-8 bytes. */
    public static String of(String text) {
        return hex(digestOf(text));
    }

    /** The digest of everything a stream has left; the caller closes the stream. */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return hex(digest);
    }

    /**
     * The digest of a file's content.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A sink that digests what is written to it; read the result with {@link #hex(DigestOutputStream)}. */
    public static DigestOutputStream sink() {
        return new DigestOutputStream(OutputStream.nullOutputStream(), newDigest());
    }

    /** The digest of everything written to a sink from {@link #sink()}. */
    public static String hex(DigestOutputStream sink) {
        return hex(sink.getMessageDigest());
    }

    private static MessageDigest digestOf(String text) {
        MessageDigest digest = newDigest();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return digest;
    }
}
