package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.attache.client.testing.RecordingProxy;
import dev.attache.server.embedded.EmbeddedServer;
import dev.attache.server.testing.AsanaDocument;
import dev.attache.server.testing.AsanaOpenApi;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client's requests, recorded on their way to the real server, checked against the request
 * descriptions in Asana's OpenAPI document: every query parameter and header of each attachment
 * operation by the validator, and the multipart field names of an upload against
 * {@code AttachmentRequest}'s properties, which the validator does not read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedRequestsTest {

    private static final Pattern FORM_FIELD = Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"",
            Pattern.CASE_INSENSITIVE);

    EmbeddedServer server;
    RecordingProxy proxy;
    AttachmentsApi api;
    List<RecordingProxy.Sent> sent;

    @BeforeAll
    void exerciseEveryOperation() throws Exception {
        server = EmbeddedServer.builder().start();
        proxy = new RecordingProxy(server.baseUri());
        api = AttachmentsApi.builder().baseUri(URI.create(proxy.uri() + "/api/1.0")).token(server.token()).build();
        ParentGid task = ParentGid.of(server.createTask("documented requests"));
        Fields every = Fields.of(Field.values());

        Attachment file = api.createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1, 2, 3}), every).join();
        api.createAttachmentForObject(task, Upload.link(URI.create("https://example.com/spec"), "Spec"), every).join();
        api.getAttachment(file.gid(), every).join();
        api.getAttachment(file.gid()).join();
        Page<Attachment> first = api.getAttachmentsForObject(task, PageRequest.limit(1)).join();
        api.getAttachmentsForObject(task, PageRequest.limit(1).withOffset(first.next().orElseThrow().offset())).join();
        ItemIterator<Attachment> items = api.items(task, PageRequest.limit(1));
        while (items.next().join().isPresent()) {
            // Each page is one request through the proxy.
        }
        api.deleteAttachment(file.gid()).join();
        sent = proxy.sent();
    }

    @AfterAll
    void stop() {
        api.close();
        proxy.close();
        server.close();
    }

    @Test
    void everyOperationWasExercised() {
        assertThat(sent.stream().map(s -> s.method() + " " + s.target().getPath()).collect(Collectors.toSet()))
                .contains("POST /api/1.0/attachments", "GET /api/1.0/attachments",
                        "GET /api/1.0/attachments/" + gidOfFirstUpload(), "DELETE /api/1.0/attachments/" + gidOfFirstUpload());
    }

    @Test
    void everyRequestMatchesItsOperationInTheDocument() {
        for (RecordingProxy.Sent request : sent) {
            ValidationReport report = AsanaOpenApi.validator().validateRequest(asValidatorSees(request));

            assertThat(report.getMessages()).as("%s %s %s", request.method(), request.target(), request.headers()).isEmpty();
        }
    }

    @Test
    void uploadFormFieldsAreOnesTheDocumentDescribes() {
        Set<String> documented = AsanaDocument.get().propertyNames("AttachmentRequest");
        List<Set<String>> forms = new ArrayList<>();
        for (RecordingProxy.Sent request : sent) {
            if (request.method().equals("POST")) {
                forms.add(formFieldNames(request.body()));
            }
        }

        assertThat(forms).hasSize(2);
        for (Set<String> fields : forms) {
            assertThat(documented).containsAll(fields);
            assertThat(fields).contains("parent");
        }
        assertThat(forms.get(0)).contains("file");
        assertThat(forms.get(1)).contains("resource_subtype", "url", "name");
    }

    private String gidOfFirstUpload() {
        return sent.stream().filter(s -> s.method().equals("DELETE")).findFirst().orElseThrow()
                .target().getPath().replaceAll(".*/", "");
    }

    /** The request as the validator sees it; the multipart body is left out, as the validator cannot read one. */
    private static com.atlassian.oai.validator.model.Request asValidatorSees(RecordingProxy.Sent request) {
        SimpleRequest.Builder out = new SimpleRequest.Builder(request.method(), request.target().getPath());
        String query = request.target().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                out.withQueryParam(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        request.headers().forEach(out::withHeader);
        return out.build();
    }

    private static Set<String> formFieldNames(byte[] body) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = FORM_FIELD.matcher(new String(body, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
