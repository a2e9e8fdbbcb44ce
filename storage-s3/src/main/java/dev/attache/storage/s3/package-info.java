/**
 * Attachment bytes in S3 or any S3-compatible store (MinIO, Ceph, R2, S3Mock). {@link
 * dev.attache.storage.s3.S3BlobStore} is the store; {@link dev.attache.storage.s3.S3Settings} says
 * where it is. Null arguments throw {@link NullPointerException} unless a parameter says otherwise.
 */
@NullMarked
package dev.attache.storage.s3;

import org.jspecify.annotations.NullMarked;
