package dev.attache.cli;

import java.io.IOException;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attache admin}: groups the commands that work on a server's storage directly, and opens that
 * storage for them: a data directory's, or with {@code --database} a cluster's.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Manages a server's storage directly: workspaces, users, memberships, tokens, OAuth apps, tasks, projects, "
                + "briefs, garbage and damage.",
                "Works while the server runs (changes apply to its next request) and while it is stopped."},
        footer = {"", "Example:",
                "  export ATTACHE_DATA_DIR=./attache-data",
                "  WS=$(attache admin workspace create Design)",
                "  ME=$(attache admin user create --name Ada --email ada@example.com \\", "      --workspace $WS)",
                "  TOKEN=$(attache admin token create --user $ME --name laptop)"})
final class AdminCommand implements Runnable, StorageOpener {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Override
    public AdminStorage open(StorageOptions options) throws IOException {
        return Storage.openForAdmin(options.config(), options.context());
    }

    /**
     * Opens the cluster's storage that {@code --database} and {@code --blob-store} name.
     *
     * @throws IllegalArgumentException when either is missing
     */
    AdminStorage openCluster(StorageOptions options) throws IOException {
        if (options.database() == null || options.blobStore() == null) {
            throw new IllegalArgumentException("name the cluster to copy into with --database postgresql://... "
                    + "and --blob-store s3://... (or ATTACHE_DATABASE and ATTACHE_BLOB_STORE)");
        }
        return open(options);
    }
}
