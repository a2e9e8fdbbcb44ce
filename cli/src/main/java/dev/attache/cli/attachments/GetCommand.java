package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.Fields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache get}: shows attachments by gid. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Shows one or more attachments: the API's default fields, or --fields.",
        footer = {"", "Example:", "  attache get 1205000000000042",
                "  attache get 1205000000000042 1205000000000043 --json --fields name,size"})
final class GetCommand implements Callable<Integer> {

    private final Connector connector;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connection;

    @Option(names = "--json", description = "Print one JSON object per attachment, one per line.")
    private boolean json;

    @Option(names = "--fields", paramLabel = "F1,F2", converter = FieldList.Converter.class,
            description = "Fields to fetch, comma-separated API names (default: the API's default fields).")
    private @Nullable FieldList fields;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to show.")
    private List<AttachmentGid> gids = List.of();

    GetCommand(Connector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        AttachmentsApi api = connector.open(connection.connection());
        Fields wanted = fields == null ? Fields.defaults() : fields.toFields();
        List<CompletableFuture<Attachment>> gets = gids.stream().map(g -> api.getAttachment(g, wanted)).toList();
        List<Attachment> found = Outcomes.awaitAll(gets, gids.stream().map(AttachmentGid::value).toList(),
                spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        AttachmentJson lines = new AttachmentJson();
        for (int i = 0; i < found.size(); i++) {
            if (json) {
                out.println(lines.line(found.get(i)));
            } else {
                if (i > 0) {
                    out.println();
                }
                printReadable(out, lines.node(found.get(i)), "");
            }
        }
        out.flush();
        return 0;
    }

    private static void printReadable(PrintWriter out, JsonNode node, String prefix) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isObject()) {
                printReadable(out, e.getValue(), prefix + e.getKey() + ".");
            } else {
                out.println(prefix + e.getKey() + ": " + e.getValue().asText());
            }
        }
    }
}
