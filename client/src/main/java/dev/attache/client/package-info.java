/**
 * Asynchronous client for Asana's Attachments API.
 *
 * <p>Start with {@link dev.attache.client.AttachmentsApi#builder()}. Every operation returns a
 * {@link java.util.concurrent.CompletableFuture} that completes exceptionally with an
 * {@link dev.attache.client.AsanaException} subtype instead of throwing for I/O or HTTP errors.
 *
 * <p>Unless stated otherwise, passing {@code null} to any method or constructor in this package
 * throws {@link NullPointerException}. All types are immutable or thread-safe unless documented.
 */
@NullMarked
package dev.attache.client;

import org.jspecify.annotations.NullMarked;
