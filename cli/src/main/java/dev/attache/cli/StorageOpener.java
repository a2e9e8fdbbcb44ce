package dev.attache.cli;

import java.io.IOException;

import dev.attache.server.admin.AdminStorage;

/**
 * Opens the storage one admin command works on: a data directory's, or the cluster's that the storage
 * options name. {@link AdminCommand} in production.
 */
@FunctionalInterface
interface StorageOpener {

    AdminStorage open(StorageOptions options) throws IOException;
}
