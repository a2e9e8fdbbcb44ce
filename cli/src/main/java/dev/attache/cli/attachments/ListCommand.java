package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.Field;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code attache ls}: lists a parent's attachments, oldest first, following every page. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Lists the attachments of a task, project or project brief, oldest first; all pages unless --limit.",
        footer = {"", "Example:", "  attache ls --parent 1204000000000001",
                "  attache ls --parent 1204000000000001 --json --fields name,size,download_url --limit 10"})
final class ListCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 100;

    @Mixin
    private final ServerAccess server;

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
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw server.usage("--limit must be at least 1, got " + limit);
        }
        PageRequest request = PageRequest.limit((int) Math.min(PAGE_SIZE, limit == null ? PAGE_SIZE : limit))
                .withFields(fields.toFields());
        if (limit != null) {
            request = request.withMaxItems(limit);
        }
        OutputFormat.Mode mode = format.mode();
        AttachmentJson lines = new AttachmentJson();
        List<Attachment> rows = new ArrayList<>();
        PageRequest all = request;
        try (Session session = server.open()) {
            PrintWriter out = session.out();
            session.explained(() -> Outcomes.await(session.api().forEach(parent, all, a -> {
                switch (mode) {
                    case JSON -> out.println(lines.line(a));
                    case IDS -> out.println(a.gid().value());
                    case TEXT -> rows.add(a);
                }
            })));
            if (mode == OutputFormat.Mode.TEXT) {
                out.print(new AttachmentTable(fields.fields()).render(rows));
            }
            out.flush();
        }
        return 0;
    }
}
