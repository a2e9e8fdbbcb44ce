package dev.attache.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.admin.DataDirBusyException;
import dev.attache.server.admin.DataMigration;
import dev.attache.server.blob.DataDirLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attache admin migrate}: copies a single server's data directory into a PostgreSQL + S3 cluster. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copies everything in --data-dir (workspaces, users, memberships, tokens, OAuth apps and grants, "
                + "tasks, projects, briefs and attachments with their bytes) into the cluster named by --database and "
                + "--blob-store, with the same gids.",
                "The cluster may be running and may have seeded itself on its first start: a cluster user with the "
                        + "same email as one of the data directory's (dev@attache.local) is merged into it, so the single "
                        + "server's tokens keep working; that cluster user's tokens are revoked (a token names its user) "
                        + "and its memberships, tasks and attachments move over. The cluster's own workspaces stay beside "
                        + "the data directory's. If the cluster signs with a secret of its own already, download URLs and "
                        + "offset tokens the single server handed out stop working (clients ask again).",
                "All or nothing: the bytes are copied first, then one transaction writes every row; a run that fails "
                        + "leaves nothing in the cluster and says why. Every upload's SHA-256 is checked first; uploads "
                        + "whose bytes do not match are left out and listed (exit code 5). Rows the cluster has already "
                        + "are skipped, so a second run copies nothing. The single server must be stopped (exit code 6 "
                        + "otherwise)."},
        footer = {"", "Example:", "  attache admin migrate --data-dir ./attache-data \\",
                "      --database postgresql://attache@localhost/attache --blob-store s3://attachments \\",
                "      --s3-endpoint http://127.0.0.1:9090"})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private StorageOptions data;
    private final AdminCommand admin;

    MigrateCommand(AdminCommand admin) {
        this.admin = admin;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DataMigration.Report report;
        try (AdminStorage source = AdminStorage.open(data.dataDir)) {
            DataDirLock lock = DataDirLock.tryAcquire(data.dataDir).orElseThrow(() -> new DataDirBusyException(data.dataDir,
                    "stop it before migrating, so that nothing is written after its rows are copied"));
            try (lock; AdminStorage cluster = admin.openCluster(data)) {
                out.println("Copying " + data.dataDir.toAbsolutePath() + " into the cluster...");
                out.flush();
                report = new DataMigration(source.jdbc(), source.blobs(), data.dataDir, cluster.jdbc(), cluster.blobs(),
                        line -> {
                            out.println("  " + line);
                            out.flush();
                        }).run();
            }
        }
        out.println("Done: " + report.copiedRows() + " directory row(s), " + report.uploads() + " upload(s) ("
                + report.bytes() + " bytes, SHA-256 verified) and " + report.links() + " link(s) copied; "
                + (report.presentRows() + report.presentAttachments()) + " already in the cluster; "
                + report.damaged().size() + " damaged.");
        report.damaged().forEach(d -> out.println("  damaged, left out: " + d));
        out.flush();
        return report.damaged().isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGE_FOUND;
    }
}
