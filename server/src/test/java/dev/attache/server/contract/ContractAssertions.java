package dev.attache.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.testing.AsanaOpenApi;
import dev.attache.server.testing.Reply;

/** Assertions that name the request, the answer and each of the validator's findings when they fail. */
final class ContractAssertions {

    private static final Pattern NOT_ALLOWED = Pattern.compile("properties which are not allowed by the schema: \\[(.*)\\]");

    private ContractAssertions() {
    }

    /** The request and its answer match the operation in Asana's document. */
    static Reply assertMatchesDocument(HttpRequest request, Reply reply) {
        return assertClean(request, reply, AsanaOpenApi.validate(request, reply));
    }

    /** The same, for a request whose body was sent too (its parameters are checked, its body is not). */
    static Reply assertMatchesDocument(HttpRequest request, byte[] body, Reply reply) {
        return assertClean(request, reply, AsanaOpenApi.validate(request, body, reply));
    }

    /**
     * A list answer matches the document. The list operation lists {@code opt_fields} values (size, parent,
     * ...) that its compact item schema does not name; such a field is expected when asked for, and each
     * item is then checked whole as the attachment the document describes ({@code AttachmentResponse}).
     */
    static Reply assertListMatchesDocument(HttpRequest request, Reply reply, List<String> listedOptFields) {
        ValidationReport report = AsanaOpenApi.validate(request, reply);
        List<ValidationReport.Message> unexpected = report.getMessages().stream()
                .filter(m -> !onlyNamesListedFields(m, listedOptFields)).toList();
        assertClean(request, reply, ValidationReport.from(unexpected));
        for (JsonNode item : reply.json().path("data")) {
            HttpRequest asGet = HttpRequest.newBuilder(request.uri().resolve("attachments/" + item.path("gid").asText())).GET().build();
            Reply single = new Reply(200, reply.headers(), ("{\"data\":" + item + "}").getBytes(StandardCharsets.UTF_8));
            assertClean(request, reply, AsanaOpenApi.validateResponse(asGet, single));
        }
        return reply;
    }

    private static boolean onlyNamesListedFields(ValidationReport.Message message, List<String> listedOptFields) {
        Matcher names = NOT_ALLOWED.matcher(message.getMessage());
        if (!message.getKey().equals("validation.response.body.schema.additionalProperties") || !names.find()) {
            return false;
        }
        return Arrays.stream(names.group(1).split(","))
                .map(name -> name.strip().replace("\"", ""))
                .allMatch(listedOptFields::contains);
    }

    /** The answer matches the operation's description of that status; the request is malformed on purpose. */
    static Reply assertAnswerMatchesDocument(HttpRequest request, Reply reply) {
        return assertClean(request, reply, AsanaOpenApi.validateResponse(request, reply));
    }

    private static Reply assertClean(HttpRequest request, Reply reply, ValidationReport report) {
        assertThat(report.getMessages())
                .as("%s %s -> %d %s%nfindings:%n%s", request.method(), request.uri(), reply.status(), reply.text(),
                        report.getMessages().stream().map(m -> "  " + m.getKey() + ": " + m.getMessage()
                                + m.getNestedMessages().stream().map(n -> "\n    " + n).collect(Collectors.joining()))
                                .collect(Collectors.joining("\n")))
                .isEmpty();
        return reply;
    }
}
