package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attache.client.internal.JsonCodec;
import dev.attache.server.testing.AsanaDocument;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The client decodes every field Asana's OpenAPI document defines for an attachment, from its own examples. */
class AttachmentDocumentExamplesTest {

    private final JsonCodec json = new JsonCodec();

    private Attachment decode(JsonNode data) {
        return json.readData(("{\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8), Attachment.class);
    }

    @Test
    void everyPropertyTheDocumentDefinesHasARecordComponent() {
        Set<String> components = Arrays.stream(Attachment.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());

        for (String property : AsanaDocument.get().propertyNames("AttachmentResponse")) {
            assertThat(components).as("a component for %s", property).contains(camelCase(property));
        }
    }

    @Test
    void theDocumentsExampleDecodesWhole() {
        JsonNode example = AsanaDocument.get().exampleOf("AttachmentResponse");

        Attachment a = decode(example);

        assertThat(a.gid()).isEqualTo(AttachmentGid.of(example.get("gid").asText()));
        assertThat(a.resourceType()).isEqualTo(example.get("resource_type").asText());
        assertThat(a.name()).isEqualTo(example.get("name").asText());
        assertThat(a.resourceSubtype()).isEqualTo(new ResourceSubtype(example.get("resource_subtype").asText()));
        assertThat(a.createdAt()).isEqualTo(Instant.parse(example.get("created_at").asText()));
        assertThat(a.downloadUrl()).isEqualTo(URI.create(example.get("download_url").asText()));
        assertThat(a.permanentUrl()).isEqualTo(URI.create(example.get("permanent_url").asText()));
        assertThat(a.host()).isEqualTo(new ResourceSubtype(example.get("host").asText()));
        assertThat(a.size()).isEqualTo(example.get("size").asLong());
        assertThat(a.viewUrl()).isEqualTo(URI.create(example.get("view_url").asText()));
        JsonNode parent = example.get("parent");
        assertThat(a.parent()).isEqualTo(new Parent(ParentGid.of(parent.get("gid").asText()), parent.get("resource_type").asText(),
                parent.get("name").asText(), parent.get("resource_subtype").asText(), null));
    }

    @Test
    void connectedToAppWhichTheDocumentGivesNoExampleForDecodes() {
        ObjectNode example = (ObjectNode) AsanaDocument.get().exampleOf("AttachmentResponse");
        example.put("resource_subtype", "external").put("connected_to_app", true).remove("size");

        assertThat(decode(example).connectedToApp()).isTrue();
    }

    @Test
    void fieldsTheDocumentDoesNotDefineAreIgnored() {
        ObjectNode example = (ObjectNode) AsanaDocument.get().exampleOf("AttachmentResponse");
        example.putObject("a_field_asana_adds_later").put("nested", 1);
        example.put("another_one", "text");

        assertThat(decode(example).name()).isEqualTo(example.get("name").asText());
    }

    private static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
