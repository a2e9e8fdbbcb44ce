/**
 * Attaché started inside another program's JVM, for tests: {@link dev.attache.server.embedded.EmbeddedServer}
 * starts a real server on a free port over a data directory, seeds the directory through the admin
 * API, and hands out the test controls. The testkit's {@code AttacheServer} and the project's own tests
 * both start servers this way. Null arguments throw {@link NullPointerException} unless a parameter says
 * otherwise.
 */
@NullMarked
package dev.attache.server.embedded;

import org.jspecify.annotations.NullMarked;
