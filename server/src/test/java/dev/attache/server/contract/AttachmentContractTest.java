package dev.attache.server.contract;

import static dev.attache.server.contract.ContractAssertions.assertListMatchesDocument;
import static dev.attache.server.contract.ContractAssertions.assertMatchesDocument;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.testing.AsanaDocument;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * Every successful answer of the four attachment operations, checked against Asana's own OpenAPI
 * document by a validator (docs/api.md §3): default fields, each {@code opt_fields} value the
 * operation lists alone and all of them together, uploaded files and external links, each parent
 * type, and pages that lead on with {@code next_page}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentContractTest {

    private static final String CREATE = "createAttachmentForObject";
    private static final String GET = "getAttachment";
    private static final String LIST = "getAttachmentsForObject";

    @TempDir
    static Path dir;
    TestServer server;
    Map<String, String> parents;
    String file;
    String link;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
        String task = server.createTask("contract");
        String project = server.createProject("contract");
        parents = Map.of("task", task, "project", project, "project_brief", server.createBrief(project, "contract"));
        file = upload(task, "").data().get("gid").asText();
        link = link(task, "").data().get("gid").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"task", "project", "project_brief"})
    void anUploadToEachParentTypeAnswersAsDocumented(String parentType) {
        Reply created = upload(parents.get(parentType), "");

        assertThat(created.data().path("parent").path("resource_type").asText()).isEqualTo(parentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task", "project", "project_brief"})
    void aLinkOnEachParentTypeAnswersAsDocumented(String parentType) {
        Reply created = link(parents.get(parentType), "");

        assertThat(created.data().path("resource_subtype").asText()).isEqualTo("external");
    }

    @ParameterizedTest
    @ValueSource(strings = {"task", "project", "project_brief"})
    void getOfAnUploadOnEachParentTypeAnswersAsDocumented(String parentType) {
        String gid = upload(parents.get(parentType), "").data().get("gid").asText();

        get("/attachments/" + gid);
    }

    @Test
    void getOfALinkAnswersAsDocumented() {
        get("/attachments/" + link);
    }

    @ParameterizedTest
    @MethodSource("createOptFields")
    void anUploadWithOneOptFieldAnswersAsDocumented(String field) {
        upload(parents.get("task"), "?opt_fields=" + field);
    }

    @ParameterizedTest
    @MethodSource("createOptFields")
    void aLinkWithOneOptFieldAnswersAsDocumented(String field) {
        link(parents.get("task"), "?opt_fields=" + field);
    }

    @Test
    void creationWithEveryListedOptFieldAnswersAsDocumented() {
        String all = String.join(",", AsanaDocument.get().optFields(CREATE));

        upload(parents.get("task"), "?opt_fields=" + all);
        link(parents.get("task"), "?opt_fields=" + all);
    }

    @ParameterizedTest
    @MethodSource("getOptFieldsForEachSubtype")
    void getWithOneOptFieldAnswersAsDocumented(String subtype, String field) {
        get("/attachments/" + (subtype.equals("asana") ? file : link) + "?opt_fields=" + field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"asana", "external"})
    void getWithEveryListedOptFieldAnswersAsDocumented(String subtype) {
        String all = String.join(",", AsanaDocument.get().optFields(GET));

        get("/attachments/" + (subtype.equals("asana") ? file : link) + "?opt_fields=" + all);
    }

    @ParameterizedTest
    @MethodSource("listOptFields")
    void aListWithOneOptFieldAnswersAsDocumented(String field) {
        get("/attachments?parent=" + parents.get("task") + "&opt_fields=" + field);
    }

    @Test
    void aListWithEveryListedOptFieldAnswersAsDocumented() {
        String all = String.join(",", AsanaDocument.get().optFields(LIST));

        get("/attachments?parent=" + parents.get("task") + "&opt_fields=" + all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task", "project", "project_brief"})
    void everyPageOfAListAnswersAsDocumented(String parentType) {
        String parent = parents.get(parentType);
        upload(parent, "");
        link(parent, "");

        List<JsonNode> pages = new ArrayList<>();
        String next = "/attachments?parent=" + parent + "&limit=1";
        while (next != null) {
            JsonNode page = get(next).json();
            pages.add(page);
            JsonNode nextPage = page.path("next_page");
            next = nextPage.isNull() ? null
                    : "/attachments?parent=" + parent + "&limit=1&offset=" + nextPage.path("offset").asText();
        }

        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pages.get(0).path("next_page").path("uri").asText()).contains("offset=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asana", "external"})
    void aDeleteAnswersAsDocumented(String subtype) {
        String parent = parents.get("task");
        String gid = (subtype.equals("asana") ? upload(parent, "") : link(parent, "")).data().get("gid").asText();

        HttpRequest request = server.authorized(server.api("/attachments/" + gid)).DELETE().build();
        assertMatchesDocument(request, server.send(request));
    }

    /**
     * What the document says only in prose ("Only present when the resource_subtype is ..."), which no
     * schema can express: such a field is absent, not null, on every other subtype, by default and when
     * asked for by name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"asana", "external"})
    void aFieldOnlyPresentForSomeSubtypesIsAbsentOnTheOthers(String subtype) {
        Map<String, Set<String>> rules = AsanaDocument.get().presentOnlyForSubtypes("AttachmentResponse");
        String gid = subtype.equals("asana") ? file : link;
        assertThat(rules).containsKeys("size", "connected_to_app");

        for (String query : List.of("", "?opt_fields=" + String.join(",", AsanaDocument.get().optFields(GET)))) {
            JsonNode data = get("/attachments/" + gid + query).data();
            rules.forEach((field, subtypes) -> {
                if (!subtypes.contains(subtype)) {
                    assertThat(data.has(field)).as("%s on a %s attachment (%s)", field, subtype, query).isFalse();
                }
            });
        }
    }

    Stream<String> createOptFields() {
        return AsanaDocument.get().optFields(CREATE).stream();
    }

    Stream<String> listOptFields() {
        return AsanaDocument.get().optFields(LIST).stream();
    }

    Stream<Arguments> getOptFieldsForEachSubtype() {
        return Stream.of("asana", "external").flatMap(subtype ->
                AsanaDocument.get().optFields(GET).stream().map(field -> Arguments.of(subtype, field)));
    }

    private Reply get(String pathAndQuery) {
        HttpRequest request = server.authorized(server.api(pathAndQuery)).GET().build();
        Reply reply = server.send(request);
        assertThat(reply.status()).as("GET %s: %s", pathAndQuery, reply.text()).isEqualTo(200);
        return pathAndQuery.startsWith("/attachments?")
                ? assertListMatchesDocument(request, reply, AsanaDocument.get().optFields(LIST))
                : assertMatchesDocument(request, reply);
    }

    private Reply upload(String parent, String query) {
        return create(query, Multipart.form().field("parent", parent)
                .file("contract.txt", "text/plain", "checked against the document".getBytes(StandardCharsets.UTF_8)));
    }

    private Reply link(String parent, String query) {
        return create(query, Multipart.form().field("parent", parent).field("resource_subtype", "external")
                .field("url", "https://example.com/" + URLEncoder.encode("spec sheet", StandardCharsets.UTF_8))
                .field("name", "Spec sheet"));
    }

    private Reply create(String query, Multipart form) {
        byte[] body = form.build();
        HttpRequest request = server.authorized(server.api("/attachments" + query)).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Reply reply = server.send(request);
        assertThat(reply.status()).as("POST /attachments%s: %s", query, reply.text()).isEqualTo(200);
        return assertMatchesDocument(request, body, reply);
    }

    @SuppressWarnings("unused")
    private static <T> List<T> list(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
