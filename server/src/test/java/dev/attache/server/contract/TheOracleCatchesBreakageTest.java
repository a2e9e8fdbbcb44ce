package dev.attache.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.report.ValidationReport;

import dev.attache.server.testing.AsanaOpenApi;
import dev.attache.server.testing.Reply;

/**
 * The contract tests are only as good as the oracle's eye: each answer here breaks the document in one
 * way a server could, and the validator, configured as those tests configure it, must say so.
 */
class TheOracleCatchesBreakageTest {

    private static final HttpRequest GET_ONE =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/api/1.0/attachments/12345")).GET().build();
    private static final String VALID = "{\"gid\":\"12345\",\"resource_type\":\"attachment\",\"name\":\"a.txt\","
            + "\"resource_subtype\":\"asana\",\"host\":\"asana\",\"size\":3}";

    @Test
    void aValidAnswerPasses() {
        assertThat(findings(VALID)).isEmpty();
    }

    @Test
    void aNullWhereTheDocumentSaysAbsentFails() {
        assertThat(findings(VALID.replace("}", ",\"connected_to_app\":null}"))).isNotEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeFails() {
        assertThat(findings(VALID.replace("\"size\":3", "\"size\":\"3\""))).isNotEmpty();
    }

    @Test
    void aFieldTheDocumentDoesNotNameFails() {
        assertThat(findings(VALID.replace("}", ",\"sha256\":\"ab\"}"))).isNotEmpty();
    }

    @Test
    void anUndocumentedStatusFails() {
        Reply reply = reply(413, "{\"errors\":[{\"message\":\"file: too large\"}]}");

        assertThat(AsanaOpenApi.validateResponse(GET_ONE, reply).getMessages()).isNotEmpty();
    }

    @Test
    void anOptFieldTheOperationDoesNotListFails() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/api/1.0/attachments/12345?opt_fields=sha256"))
                .header("Authorization", "Bearer x").GET().build();

        ValidationReport report = AsanaOpenApi.validate(request, reply(200, "{\"data\":" + VALID + "}"));

        assertThat(report.getMessages()).extracting(ValidationReport.Message::getKey)
                .contains("validation.request.parameter.schema.enum");
    }

    private static List<ValidationReport.Message> findings(String data) {
        return AsanaOpenApi.validateResponse(GET_ONE, reply(200, "{\"data\":" + data + "}")).getMessages();
    }

    private static Reply reply(int status, String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of("application/json; charset=UTF-8")), (a, b) -> true);
        return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
