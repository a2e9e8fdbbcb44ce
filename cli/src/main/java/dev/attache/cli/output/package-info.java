/**
 * How {@code attache} commands print: the shared {@code --json}/{@code --ids} options and the JSON
 * Lines writer, used by the admin and the client commands alike.
 *
 * <p>Null arguments throw {@link NullPointerException} unless stated otherwise.
 */
@NullMarked
package dev.attache.cli.output;

import org.jspecify.annotations.NullMarked;
