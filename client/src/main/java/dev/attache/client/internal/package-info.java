/**
 * Implementation details of the Attachments client: multipart encoding, retries, the in-flight
 * limiter, the JSON codec and downloads.
 *
 * <p>No compatibility promises: anything here may change or disappear in any release. Use only
 * the types in {@code dev.attache.client}.
 */
@NullMarked
package dev.attache.client.internal;

import org.jspecify.annotations.NullMarked;
