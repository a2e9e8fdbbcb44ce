package dev.attache.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Where a server keeps its data: the options {@code attache serve} and every admin command share,
 * so that both always open the same storage. Options that choose the database or the blob store
 * belong here too, beside {@code --data-dir}.
 */
final class StorageOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ATTACHE_DATA_DIR:-attache-data}",
            description = "The server's data directory: database, blobs, signing secret and dev-token; the server "
                    + "may be running or stopped (env ATTACHE_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;
}
