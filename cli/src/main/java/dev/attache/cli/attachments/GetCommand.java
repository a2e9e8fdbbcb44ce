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

    private final ClientContext context;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connectionOptions;

    @Mixin
    private @Nullable OutputFormat format;

    @Option(names = "--fields", paramLabel = "F1,F2", converter = FieldList.Converter.class,
            description = "Fields to fetch, comma-separated API names (default: the API's default fields).")
    private @Nullable FieldList fields;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to show.")
    private List<AttachmentGid> gids = List.of();

    GetCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        OutputFormat.Mode mode = format.mode();
        Connection connection = context.connection(connectionOptions);
        try (AttachmentsApi api = context.api(connection, new RetryNotice(spec.commandLine().getErr()))) {
            Fields wanted = fields == null ? Fields.defaults() : fields.toFields();
            ItemReport report = new ItemReport(spec.commandLine().getOut(), spec.commandLine().getErr(), mode,
                    Progress.none(), connection, connectionOptions.verbose, "gid");
            AttachmentJson json = new AttachmentJson();
            List<CompletableFuture<?>> gets = new ArrayList<>();
            for (AttachmentGid gid : gids) {
                gets.add(api.getAttachment(gid, wanted).whenComplete((a, t) -> {
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
            CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
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
