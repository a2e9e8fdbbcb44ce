package dev.attache.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Asana's own OpenAPI document ({@code spec/asana-openapi/asana_oas.yaml.gz}) as a test oracle: real requests
 * and the real server's answers, checked by Atlassian's validator against the operation they belong to.
 * The document takes seconds to parse, so one validator serves every test in a JVM.
 */
public final class AsanaOpenApi {

    private AsanaOpenApi() {
    }

    /**
     * The document in the repository, as text. It is kept gzipped (a tenth of its 3 MB); both the validator
     * and {@link AsanaDocument} read this one copy.
     */
    public static String documentText() {
        return Text.VALUE;
    }

    private static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("spec/asana-openapi/asana_oas.yaml.gz");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("spec/asana-openapi/asana_oas.yaml.gz not found above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path gzipped) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(gzipped + ": cannot read Asana's OpenAPI document", e);
        }
    }

    /** The validator over the document; built once, on first use. */
    public static OpenApiInteractionValidator validator() {
        return Holder.VALIDATOR;
    }

    /**
     * Validates a request as sent and the answer to it: status, headers and body against the
     * operation's responses, and the request's parameters against its description.
     */
    public static ValidationReport validate(HttpRequest request, Reply reply) {
        return validator().validate(request(request), response(reply));
    }

    /** Like {@link #validate(HttpRequest, Reply)}, with the request's body as sent. */
    public static ValidationReport validate(HttpRequest request, byte[] body, Reply reply) {
        SimpleRequest.Builder out = builder(request);
        out.withBody(body);
        return validator().validate(out.build(), response(reply));
    }

    /** Validates only the answer, for a request whose own shape is the point of the test (a bad one). */
    public static ValidationReport validateResponse(HttpRequest request, Reply reply) {
        return validator().validateResponse(request.uri().getPath(), Request.Method.valueOf(request.method()), response(reply));
    }

    /** The request as the validator sees it: method, path, decoded query parameters and headers. */
    public static Request request(HttpRequest request) {
        return builder(request).build();
    }

    private static SimpleRequest.Builder builder(HttpRequest request) {
        URI uri = request.uri();
        SimpleRequest.Builder out = new SimpleRequest.Builder(request.method(), uri.getPath());
        queryParameters(uri.getRawQuery()).forEach((name, values) -> out.withQueryParam(name, values));
        request.headers().map().forEach((name, values) -> out.withHeader(name, values));
        return out;
    }

    private static SimpleResponse response(Reply reply) {
        SimpleResponse.Builder out = SimpleResponse.Builder.status(reply.status());
        HttpHeaders headers = reply.headers();
        headers.map().forEach((name, values) -> out.withHeader(name, values));
        if (reply.body().length > 0) {
            out.withBody(new String(reply.body(), StandardCharsets.UTF_8));
        }
        return out.build();
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        return java.util.Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.groupingBy(pair -> decode(pair[0]), java.util.LinkedHashMap::new,
                        Collectors.mapping(pair -> pair.length > 1 ? decode(pair[1]) : "", Collectors.toList())));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Read by the JVM on first access, once; apart from the validator, which takes seconds to build. */
    private static final class Text {
        static final String VALUE = read(document());
    }

    /** Initialised by the JVM on first access, once, so the document is parsed once. */
    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR =
                OpenApiInteractionValidator.createForInlineApiSpecification(Text.VALUE)
                        // Merge each allOf into one schema, as client generators read the document: the
                        // validator otherwise closes every branch to the other branches' properties.
                        .withResolveCombinators(true)
                        .build();
    }
}
