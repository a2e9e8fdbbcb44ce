/**
 * The client commands of {@code attache}: upload, link, ls, get, rm, download and export, each a
 * thin layer over {@link dev.attache.client.AttachmentsApi}. {@link dev.attache.cli.attachments.ClientCommands}
 * adds them to the command tree.
 *
 * <p>Null arguments throw {@link NullPointerException} unless stated otherwise.
 */
@NullMarked
package dev.attache.cli.attachments;

import org.jspecify.annotations.NullMarked;
