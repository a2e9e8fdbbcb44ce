package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.Field;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attache ls}: lists a parent's attachments, oldest first, following every page. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Lists the attachments of a task, project or project brief, oldest first; all pages unless --limit.",
        footer = {"", "Example:", "  attache ls --parent 1204000000000001",
                "  attache ls --parent 1204000000000001 --json --fields name,size,download_url --limit 10"})
final class ListCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 100;

    private final ClientContext context;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connectionOptions;

    @Mixin
    private @Nullable OutputFormat format;

    @Option(names = "--parent", required = true, paramLabel = "GID", converter = GidConverters.Parents.class,
            description = "The task, project or project brief.")
    private @Nullable ParentGid parent;

    @Option(names = "--fields", paramLabel = "F1,F2", converter = FieldList.Converter.class,
            description = "Fields to fetch and show, comma-separated API names (default name,size,created_at).")
    private FieldList fields = FieldList.of(Field.NAME, Field.SIZE, Field.CREATED_AT);

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N attachments (default: all).")
    private @Nullable Long limit;

    ListCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        PageRequest request = PageRequest.limit((int) Math.min(PAGE_SIZE, limit == null ? PAGE_SIZE : limit))
                .withFields(fields.toFields());
        if (limit != null) {
            request = request.withMaxItems(limit);
        }
        OutputFormat.Mode mode = format.mode();
        PrintWriter out = spec.commandLine().getOut();
        AttachmentJson lines = new AttachmentJson();
        List<Attachment> rows = new ArrayList<>();
        Connection connection = context.connection(connectionOptions);
        PageRequest all = request;
        try (AttachmentsApi api = context.api(connection, new RetryNotice(spec.commandLine().getErr()))) {
            ClientContext.explained(connection, () -> Outcomes.await(api.forEach(parent, all, a -> {
                switch (mode) {
                    case JSON -> out.println(lines.line(a));
                    case IDS -> out.println(a.gid().value());
                    case TEXT -> rows.add(a);
                }
            })));
        }
        if (mode == OutputFormat.Mode.TEXT) {
            out.print(new AttachmentTable(fields.fields()).render(rows));
        }
        out.flush();
        return 0;
    }
}
