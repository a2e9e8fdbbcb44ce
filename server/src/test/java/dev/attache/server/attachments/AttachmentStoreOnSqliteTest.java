package dev.attache.server.attachments;

import dev.attache.server.testing.Engine;

class AttachmentStoreOnSqliteTest extends AttachmentStoreContract {
    AttachmentStoreOnSqliteTest() {
        super(Engine.SQLITE);
    }
}
