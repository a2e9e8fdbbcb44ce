package dev.attache.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.attache.server.admin.AdminStorage;

/** Opens a data directory's storage for one admin command; {@code AdminStorage::open} in production. */
@FunctionalInterface
interface StorageOpener {

    AdminStorage open(Path dataDir) throws IOException;
}
