/**
 * Shell completion for {@code attache}: the command tree read from picocli's model once, written out
 * as a zsh or fish script ({@code attache completion zsh|fish}); bash's comes from picocli itself.
 *
 * <p>Null arguments throw {@link NullPointerException} unless stated otherwise.
 */
@NullMarked
package dev.attache.cli.completion;

import org.jspecify.annotations.NullMarked;
