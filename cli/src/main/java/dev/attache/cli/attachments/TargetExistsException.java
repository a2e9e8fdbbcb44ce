package dev.attache.cli.attachments;

import java.nio.file.Path;

import dev.attache.client.AttachmentGid;

/** A different file already has the name an attachment would be downloaded to. */
final class TargetExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TargetExistsException(Path target, AttachmentGid gid) {
        super(target + " exists and differs from attachment " + gid + "; pass --force to replace it");
    }
}
