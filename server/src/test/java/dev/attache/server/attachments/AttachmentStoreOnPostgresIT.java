package dev.attache.server.attachments;

import dev.attache.server.testing.Engine;

class AttachmentStoreOnPostgresIT extends AttachmentStoreContract {
    AttachmentStoreOnPostgresIT() {
        super(Engine.POSTGRESQL);
    }
}
