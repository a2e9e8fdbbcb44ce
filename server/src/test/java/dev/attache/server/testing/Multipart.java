package dev.attache.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds multipart/form-data bodies byte by byte, so tests control every header a client could send. */
public final class Multipart {

    private final String boundary = "----attache-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Multipart form() {
        return new Multipart();
    }

    public String boundary() {
        return boundary;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A text field. */
    public Multipart field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part with a plain quoted filename and a content type. */
    public Multipart file(String filename, String contentType, byte[] content) {
        return part("Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\nContent-Type: " + contentType, content);
    }

    /** A part with exactly these header lines (CRLF-separated, no trailing CRLF); UTF-8 encoded. */
    public Multipart part(String headers, byte[] content) {
        write(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        write(content);
        write("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The finished body, closing delimiter included. */
    public byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    /** The body without its closing delimiter: what a client that died mid-send delivered. */
    public byte[] buildTruncated() {
        return out.toByteArray();
    }

    private void write(byte[] bytes) {
        out.writeBytes(bytes);
    }
}
