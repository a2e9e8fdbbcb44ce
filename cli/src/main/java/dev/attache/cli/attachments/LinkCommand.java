package dev.attache.cli.attachments;

import java.net.URI;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code attache link}: attaches an external URL to a task, project or project brief. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Attaches a link to an external URL (no bytes are uploaded).",
        footer = {"", "Example:",
                "  attache link --parent 1204000000000001 --url https://example.com/spec --name \"Spec\""})
final class LinkCommand implements Callable<Integer> {

    @Mixin
    private final ServerAccess server;

    @Mixin
    private @Nullable OutputFormat format;

    @Option(names = "--parent", required = true, paramLabel = "GID", converter = GidConverters.Parents.class,
            description = "The task, project or project brief to attach to.")
    private @Nullable ParentGid parent;

    @Option(names = "--url", required = true, paramLabel = "URL", converter = HttpUrlConverter.class, description = "The linked URL.")
    private @Nullable URI url;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The attachment's name.")
    private @Nullable String name;

    LinkCommand(ClientContext context) {
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        OutputFormat.Mode mode = format.mode();
        try (Session session = server.open()) {
            Attachment a = session.explained(() -> Outcomes.await(
                    session.api().createAttachmentForObject(parent, Upload.link(url, name))));
            session.out().println(switch (mode) {
                case JSON -> new AttachmentJson().line(a);
                case IDS -> a.gid().value();
                case TEXT -> "Linked " + url + " as " + a.gid() + " (" + a.name() + ")";
            });
            session.out().flush();
        }
        return 0;
    }
}
