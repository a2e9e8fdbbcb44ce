/**
 * The sign-in {@code attache login} saves: a host and a token in a file of the user's config directory
 * that only the user can read, which the client commands use when no option or environment variable
 * names a token.
 *
 * <p>Null arguments throw {@link NullPointerException} unless stated otherwise.
 */
@NullMarked
package dev.attache.cli.signin;

import org.jspecify.annotations.NullMarked;
