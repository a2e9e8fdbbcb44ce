package dev.attache.server.directory;

/** A user of the API. */
public record User(long gid, String name, String email) {
}
