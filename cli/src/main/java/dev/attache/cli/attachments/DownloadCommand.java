package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache download}: downloads attachments by gid under the server's file names. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Downloads attachments into a directory under their own names.",
                "Names are made safe for the local file system. A <name>.part file left by an interrupted run is "
                + "continued, not restarted. An identical existing file is skipped; a different one is kept "
                + "unless --force."},
        footer = {"", "Example:", "  attache download 1205000000000042 -o ~/Downloads",
                "  attache download 1205000000000042 1205000000000043 --force --quiet"})
final class DownloadCommand implements Callable<Integer> {

    private final Connector connector;
    private final Terminal terminal;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connection;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
            description = "Directory to write into, created if missing (default: the current directory).")
    private Path dir = Path.of(".");

    @Option(names = "--force", description = "Replace existing files that differ.")
    private boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bars.")
    private boolean quiet;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to download.")
    private List<AttachmentGid> gids = List.of();

    DownloadCommand(Connector connector, Terminal terminal) {
        this.connector = connector;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        AttachmentsApi api = connector.open(connection.connection());
        List<AttachmentGid> unique = gids.stream().distinct().toList();
        List<String> labels = unique.stream().map(AttachmentGid::value).toList();
        PrintWriter err = spec.commandLine().getErr();
        List<Attachment> attachments = Outcomes.awaitAll(
                unique.stream().map(g -> api.getAttachment(g, FileFetcher.FIELDS)).toList(), labels, err);
        createDirectories(dir);
        // Two attachments of the same name must not write the same file at the same time.
        Map<AttachmentGid, String> names = LocalNames.distinct(attachments);
        long total = attachments.stream().mapToLong(a -> a.size() == null ? 0 : a.size()).sum();
        FileFetcher.Existing existing = force ? FileFetcher.Existing.REPLACE
                : FileFetcher.Existing.KEEP_IDENTICAL_REFUSE_DIFFERENT;
        List<Fetched> done;
        try (Progress progress = Progress.of(terminal, quiet, total)) {
            FileFetcher fetcher = new FileFetcher(api, progress);
            List<CompletableFuture<Fetched>> fetches = new ArrayList<>();
            for (int i = 0; i < attachments.size(); i++) {
                fetches.add(fetcher.fetch(attachments.get(i), dir.resolve(names.get(attachments.get(i).gid())), existing));
            }
            done = Outcomes.awaitAll(fetches, labels, err);
        }
        PrintWriter out = spec.commandLine().getOut();
        done.forEach(f -> out.println(f.describe()));
        out.flush();
        return 0;
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
