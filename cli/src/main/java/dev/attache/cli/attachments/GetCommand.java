package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.AttachmentGid;
import dev.attache.client.Fields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attache get}: shows attachments by gid. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Shows one or more attachments: the API's default fields, or --fields.",
        footer = {"", "Example:", "  attache get 1205000000000042",
                "  attache get 1205000000000042 1205000000000043 --json --fields name,size"})
final class GetCommand implements Callable<Integer> {

    @Mixin
    private final ServerAccess server;

    @Mixin
    private @Nullable OutputFormat format;

    @Option(names = "--fields", paramLabel = "F1,F2", converter = FieldList.Converter.class,
            description = "Fields to fetch, comma-separated API names (default: the API's default fields).")
    private @Nullable FieldList fields;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to show.")
    private List<AttachmentGid> gids = List.of();

    GetCommand(ClientContext context) {
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        OutputFormat.Mode mode = format.mode();
        try (Session session = server.open()) {
            Fields wanted = fields == null ? Fields.defaults() : fields.toFields();
            ItemReport report = session.report(mode, "gid");
            AttachmentJson json = new AttachmentJson();
            List<CompletableFuture<?>> gets = new ArrayList<>();
            for (AttachmentGid gid : gids) {
                gets.add(session.api().getAttachment(gid, wanted).whenComplete((a, t) -> {
                    if (t != null) {
                        report.failed(gid.value(), t);
                    } else {
                        ObjectNode node = json.node(a);
                        StringWriter text = new StringWriter();
                        printReadable(new PrintWriter(text), node, "");
                        report.succeeded(text.toString().stripTrailing() + (gids.size() > 1 ? System.lineSeparator() : ""),
                                node, a.gid().value());
                    }
                }));
            }
            Outcomes.settle(gets);
            return report.finish();
        }
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
