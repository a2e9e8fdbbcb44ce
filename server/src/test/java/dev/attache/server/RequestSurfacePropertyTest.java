package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests against the real server over HTTP: {@code opt_fields}, {@code limit}, {@code offset},
 * gids, file names, form fields in any order and multipart bodies framed every which way. Whatever is
 * sent, the server never answers 5xx, every 4xx is Asana's error envelope with the contract's
 * {@code Content-Type}, and a parent lists exactly the uploads that were answered 200, with bytes for each
 * and none for the rest.
 *
 * <p>Tries per property: {@code -Dattache.properties.tries=N} (the build passes it to jqwik as
 * {@code jqwik.tries.default}; see docs/reliability.md).
 */
class RequestSurfacePropertyTest {

    private static final String[] KNOWN_FIELDS = {"gid", "name", "parent", "parent.name", "parent.created_by", "this.name",
            "download_url", "view_url", "size", "created_at", "host", "resource_subtype", "permanent_url", "connected_to_app",
            "workspaces", "email"};
    private static final String[] ODD_FIELDS = {"", ".", "..", "this.", "this..", ",", " ", "parent..name", ".name", "name.",
            "name,.", "ä", "\u202E", "%", "*", "this", "parent.", "..."};

    private static Path dir;
    private static TestServer server;
    private static String workspace;
    private static String knownTask;
    private static String knownAttachment;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("attache-properties");
        server = TestServer.start(dir);
        workspace = server.workspaceGid();
        knownTask = newTask();
        knownAttachment = server.uploadFile(knownTask, "known.txt", "k".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property
    void readsNeverAnswer5xxAndEveryErrorIsTheEnvelope(@ForAll("reads") String pathAndQuery) {
        Reply r = server.get(pathAndQuery);

        assertAnswered(r, "GET " + pathAndQuery);
    }

    @Property
    void deletesOfAnyGidNeverAnswer5xx(@ForAll("gids") String gid) {
        Reply r = server.delete("/attachments/" + pathSegment(gid));

        assertAnswered(r, "DELETE " + gid);
    }

    @Property
    void uploadsNeverAnswer5xxAndTheParentListsExactlyThoseAnswered200(@ForAll("uploads") Upload upload) {
        String task = newTask();
        int blobsBefore = BlobFiles.all(dir).size();

        Reply r = server.send(server.authorized(server.api("/attachments" + upload.query()))
                .header("Content-Type", upload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body(task))).build());

        assertAnswered(r, upload.toString());
        Set<String> listed = listed(task);
        int blobsAdded = BlobFiles.all(dir).size() - blobsBefore;
        if (r.status() == 200) {
            JsonNode created = r.data();
            assertThat(listed).as(upload.toString()).containsExactly(created.get("gid").asText());
            boolean isFile = server.get("/attachments/" + created.get("gid").asText() + "?opt_fields=resource_subtype")
                    .data().get("resource_subtype").asText().equals("asana");
            assertThat(blobsAdded).as(upload.toString()).isEqualTo(isFile ? 1 : 0);
            assertNameIsClean(server.get("/attachments/" + created.get("gid").asText() + "?opt_fields=name").data().get("name").asText());
        } else {
            assertThat(listed).as(upload.toString()).isEmpty();
            assertThat(blobsAdded).as(upload.toString()).isZero();
        }
    }

    private static void assertAnswered(Reply r, String request) {
        assertThat(r.status()).as(request + " -> " + r).isLessThan(500);
        assertThat(r.header("Content-Type")).as(request).isEqualTo("application/json; charset=UTF-8");
        if (r.status() >= 400) {
            JsonNode error = r.json().path("errors").path(0);
            assertThat(error.path("message").asText()).as(request + " -> " + r).isNotBlank();
            assertThat(error.path("help").asText()).as(request + " -> " + r).isNotBlank();
        }
    }

    private static void assertNameIsClean(String name) {
        assertThat(name).isNotBlank();
        assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(255);
        assertThat(name.codePoints().map(Character::getType)).doesNotContain(
                (int) Character.CONTROL, (int) Character.FORMAT, (int) Character.SURROGATE,
                (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);
    }

    private static String newTask() {
        Reply r = server.postJson("/tasks", "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"property\"}}");
        return r.data().get("gid").asText();
    }

    private static Set<String> listed(String task) {
        Set<String> gids = new HashSet<>();
        server.get("/attachments?parent=" + task).data().forEach(a -> gids.add(a.get("gid").asText()));
        return gids;
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- what is sent ----

    @Provide
    Arbitrary<String> reads() {
        Arbitrary<String> optFields = optFields();
        Arbitrary<String> list = Combinators.combine(parents(), limits().injectNull(0.3), offsets().injectNull(0.5), optFields.injectNull(0.4))
                .as((parent, limit, offset, fields) -> "/attachments?parent=" + query(parent)
                        + (limit == null ? "" : "&limit=" + query(limit))
                        + (offset == null ? "" : "&offset=" + query(offset))
                        + (fields == null ? "" : "&opt_fields=" + query(fields)));
        Arbitrary<String> one = Combinators.combine(Arbitraries.oneOf(gids(), Arbitraries.just(knownAttachment)), optFields.injectNull(0.3))
                .as((gid, fields) -> "/attachments/" + pathSegment(gid) + (fields == null ? "" : "?opt_fields=" + query(fields)));
        Arbitrary<String> legacy = Combinators.combine(gids(), limits().injectNull(0.5))
                .as((gid, limit) -> "/tasks/" + pathSegment(gid) + "/attachments" + (limit == null ? "" : "?limit=" + query(limit)));
        Arbitrary<String> directory = Combinators.combine(Arbitraries.of("/users/me", "/workspaces"), optFields)
                .as((path, fields) -> path + "?opt_fields=" + query(fields) + "&opt_pretty");
        return Arbitraries.oneOf(list, one, legacy, directory);
    }

    @Provide
    Arbitrary<String> gids() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(25),
                Arbitraries.strings().withChars("0123456789\u0660\u0661\u06F1\uFF11-+ .").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("..", ".", "%", "1/2", "1;a=b", "1?x", "#", "\u202E1"));
    }

    private Arbitrary<String> parents() {
        return Arbitraries.oneOf(gids(), Arbitraries.just(knownTask));
    }

    private static Arbitrary<String> limits() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 205).map(String::valueOf),
                Arbitraries.strings().withChars("0123456789\u0660\u0661\u0662\u06F5\uFF15+- x").ofMinLength(0).ofMaxLength(4),
                Arbitraries.of("99999999999999999999", "1e2", "0x10", " 5", "5 ", "١", "٥٠", "１"));
    }

    private static Arbitrary<String> offsets() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_.=").ofMinLength(1).ofMaxLength(60),
                Arbitraries.of("MTox.x", ".", "a.", ".b", "eyJ9.sig"));
    }

    private static Arbitrary<String> optFields() {
        Arbitrary<String> mixed = Arbitraries.oneOf(Arbitraries.of(KNOWN_FIELDS), Arbitraries.of(ODD_FIELDS),
                        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_.,").ofMaxLength(10))
                .list().ofMaxSize(6).map(parts -> String.join(",", parts));
        return Arbitraries.oneOf(mixed, Arbitraries.strings().ofMaxLength(20));
    }

    private static Arbitrary<String> fileNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(0).ofMaxLength(30),
                Arbitraries.strings().withChars("aé😀%25.\u202E\u200B\u200D\uFEFF\u0000\u001F\u007F\u2028 /\\\"'").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withChars("%0123456789ABCDEFabcdefXYZ.").ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("invoice\u202Efdp.exe", "😀 100%25.txt", "%F0%9F%98%80.txt", "..", ".", "C:\\fakepath\\a.png",
                        "../../etc/passwd", "a".repeat(300), "😀".repeat(300), "%C3", "%ED%A0%80.txt"));
    }

    @Provide
    Arbitrary<Upload> uploads() {
        Arbitrary<Part> file = Combinators.combine(fileNames(), Arbitraries.of("text/plain", "image/png", "", "nonsense",
                        "text/html; charset=utf-8", "a/b/c", "application/octet-stream"), Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
                        Arbitraries.of(true, false))
                .as((name, type, bytes, extended) -> Part.file(name, type, bytes, extended));
        Arbitrary<Part> field = Combinators.combine(
                Arbitraries.of("resource_subtype", "name", "url", "opt_fields", "connect_to_app", "parent", "unknown", "file", ""),
                Arbitraries.oneOf(Arbitraries.of("asana", "external", "true", "false", "https://example.com/x", "http://", "javascript:alert(1)",
                        "__task__"), optFields(), fileNames()))
                .as(Part::field);
        Arbitrary<List<Part>> parts = Combinators.combine(
                        Arbitraries.of(true, true, true, false), file.injectNull(0.2), field.list().ofMaxSize(5), Arbitraries.integers().between(0, 6))
                .as((withParent, f, fields, position) -> {
                    List<Part> all = new ArrayList<>(fields);
                    if (withParent) {
                        all.add(Math.min(position, all.size()), Part.field("parent", "__task__"));
                    }
                    if (f != null) {
                        all.add(Math.min(position, all.size()), f);
                    }
                    return all;
                });
        Arbitrary<Framing> framing = Combinators.combine(
                        Arbitraries.strings().withChars("abcXYZ0123456789'()+_,-./:=?").ofMinLength(1).ofMaxLength(70),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of("", "preamble\r\n"),
                        Arbitraries.of("", "\r\nepilogue"), Arbitraries.integers().between(0, 100).injectNull(0.85),
                        Arbitraries.of("\r\n", "\r\n", "\r\n", "\n"))
                .as(Framing::new);
        return Combinators.combine(parts, framing, optFields().injectNull(0.8)).as(Upload::new);
    }

    /** One part of a form; {@code __task__} in a value stands for the task created for the try. */
    record Part(String headers, byte[] content) {
        static Part file(String filename, String type, byte[] bytes, boolean extended) {
            String disposition = extended
                    ? "form-data; name=\"file\"; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20")
                    : "form-data; name=\"file\"; filename=\"" + filename.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            return new Part("Content-Disposition: " + disposition + (type.isEmpty() ? "" : "\r\nContent-Type: " + type), bytes);
        }

        static Part field(String name, String value) {
            return new Part("content-disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "[" + headers.replace("\r\n", " | ") + "] " + content.length + " bytes";
        }
    }

    /**
     * How the parts are framed: the boundary, quoted or not in the header, whether the closing delimiter
     * comes, preamble and epilogue, the line ending, and a cut at some percentage of the body.
     */
    record Framing(String boundary, boolean quoted, boolean closed, String preamble, String epilogue, Integer cutAtPercent,
                   String newline) {
    }

    record Upload(List<Part> parts, Framing framing, String queryOptFields) {
        String query() {
            return queryOptFields == null ? "" : "?opt_fields=" + URLEncoder.encode(queryOptFields, StandardCharsets.UTF_8);
        }

        String contentType() {
            return "multipart/form-data; boundary=" + (framing.quoted() ? "\"" + framing.boundary() + "\"" : framing.boundary());
        }

        byte[] body(String task) {
            String nl = framing.newline();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(framing.preamble().getBytes(StandardCharsets.UTF_8));
            for (Part p : parts) {
                out.writeBytes(("--" + framing.boundary() + nl + p.headers().replace("\r\n", nl) + nl + nl).getBytes(StandardCharsets.UTF_8));
                String text = new String(p.content(), StandardCharsets.UTF_8);
                out.writeBytes(text.equals("__task__") ? task.getBytes(StandardCharsets.UTF_8) : p.content());
                out.writeBytes(nl.getBytes(StandardCharsets.UTF_8));
            }
            if (framing.closed()) {
                out.writeBytes(("--" + framing.boundary() + "--" + framing.epilogue()).getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = out.toByteArray();
            if (framing.cutAtPercent() == null) {
                return body;
            }
            byte[] cut = new byte[body.length * framing.cutAtPercent() / 100];
            System.arraycopy(body, 0, cut, 0, cut.length);
            return cut;
        }
    }
}
