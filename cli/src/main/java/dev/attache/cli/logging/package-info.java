/**
 * How the {@code attache} process writes its logs: the batching appender its {@code logback.xml}
 * uses for the access log.
 *
 * <p>Null arguments throw {@link NullPointerException} unless stated otherwise.
 */
@NullMarked
package dev.attache.cli.logging;

import org.jspecify.annotations.NullMarked;
