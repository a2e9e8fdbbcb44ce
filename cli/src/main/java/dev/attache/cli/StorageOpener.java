package dev.attache.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.attache.server.admin.AdminStorage;

/**
 * Opens the storage one admin command works on: a data directory's, or the cluster's the inherited
 * storage options name. {@link AdminCommand} in production.
 */
@FunctionalInterface
interface StorageOpener {

    AdminStorage open(Path dataDir) throws IOException;
}
