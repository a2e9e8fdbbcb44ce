package dev.attache.client.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One request on a connection, as seen by an {@link ScriptedServer.Action}. */
public final class Exchange {

    private final Socket socket;
    private final ScriptedServer server;
    private final InputStream in;
    private final OutputStream out;
    private String method;
    private String target;
    private Map<String, String> headers;
    private boolean closed;
    private boolean bodyRead;

    Exchange(Socket socket, ScriptedServer server) throws IOException {
        this.socket = socket;
        this.server = server;
        // Head and body go out in separate writes; without this, Nagle holds the body for the
        // client's delayed ACK (40 ms a response).
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    boolean readHead() throws IOException {
        String line = readLine();
        if (line == null || line.isEmpty()) {
            return false;
        }
        String[] parts = line.split(" ");
        method = parts[0];
        target = parts[1];
        headers = new LinkedHashMap<>();
        for (String h = readLine(); h != null && !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        bodyRead = false;
        return true;
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean closed() {
        return closed;
    }

    /** Records the request without reading a body (for GET and DELETE, or a refused upload). */
    public Recorded recordHeadOnly() {
        Recorded r = new Recorded(method, target, Map.copyOf(headers), new byte[0], 0);
        server.record(r);
        return r;
    }

    /** Sends 100 Continue if asked, reads and records the whole body. */
    public Recorded readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long n = consumeBody(body);
        Recorded r = new Recorded(method, target, Map.copyOf(headers), body.toByteArray(), n);
        server.record(r);
        return r;
    }

    /** Like {@link #readBody()} but keeps only the count, for very large bodies. */
    public Recorded countBody() throws IOException {
        long n = consumeBody(OutputStream.nullOutputStream());
        Recorded r = new Recorded(method, target, Map.copyOf(headers), new byte[0], n);
        server.record(r);
        return r;
    }

    private long consumeBody(OutputStream sink) throws IOException {
        if (bodyRead) {
            return 0;
        }
        bodyRead = true;
        if ("100-continue".equalsIgnoreCase(header("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
            return readChunked(sink);
        }
        String length = header("Content-Length");
        return length == null ? 0 : copy(sink, Long.parseLong(length));
    }

    private long readChunked(OutputStream sink) throws IOException {
        long total = 0;
        while (true) {
            String size = readLine();
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return total;
            }
            total += copy(sink, n);
            readLine();
        }
    }

    private long copy(OutputStream sink, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("body ended early");
            }
            sink.write(buf, 0, r);
            left -= r;
        }
        return n;
    }

    /** Writes a complete response. */
    public void respond(int status, Map<String, String> extraHeaders, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    /** Writes a response head promising {@code length} bytes, then only {@code partial}, then closes cleanly (FIN). */
    public void respondTruncated(int status, Map<String, String> extraHeaders, long length, byte[] partial)
            throws IOException {
        respondPartially(status, extraHeaders, length, partial);
        closed = true;
        socket.shutdownOutput();
        socket.close();
    }

    /** Writes a response head promising {@code length} bytes and only {@code partial} of them, leaving the connection open. */
    public void respondPartially(int status, Map<String, String> extraHeaders, long length, byte[] partial)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(partial);
        out.flush();
    }

    /** Resets the connection (TCP RST) at once. */
    public void reset() throws IOException {
        closed = true;
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
