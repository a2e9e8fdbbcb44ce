/**
 * How the {@code attache} process writes its logs: the configuration logback finds as a service, and
 * the batching appender it gives the access log.
 *
 * <p>Null arguments throw {@link NullPointerException} unless stated otherwise.
 */
@NullMarked
package dev.attache.cli.logging;

import org.jspecify.annotations.NullMarked;
