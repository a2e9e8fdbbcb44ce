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
        description = {"Copies everything in --data-dir (workspaces, users, memberships, tokens, tasks, projects, briefs and "
                + "attachments with their bytes) into the cluster named by --database and --blob-store, with the same gids.",
                "Every upload's SHA-256 is checked before its attachment is written; uploads whose bytes do not match are "
                        + "left out and listed (exit code 5). Rows the cluster has already are skipped, so running it again "
                        + "after an interruption finishes the job. The single server must be stopped (exit code 6 otherwise); "
                        + "the cluster may be running."},
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
