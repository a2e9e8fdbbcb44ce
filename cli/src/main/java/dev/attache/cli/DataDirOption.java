package dev.attache.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --data-dir} every admin command takes, with the same default as {@code attache serve}. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ATTACHE_DATA_DIR:-attache-data}",
            description = "The server's data directory; the server may be running or stopped. With --database, "
                    + "used only where a cluster without --blob-store keeps its bytes "
                    + "(env ATTACHE_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;
}
