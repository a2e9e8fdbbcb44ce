package dev.attache.client;

import java.net.URI;

/** Gets one attachment with wire logging on and exits; run in a JVM of its own to see its console. */
public final class WireLogMain {

    private WireLogMain() {
    }

    public static void main(String[] args) {
        try (AttachmentsApi api = AttachmentsApi.builder().baseUri(URI.create(args[0])).token(args[1])
                .wireLogging(true).build()) {
            System.out.println("got " + api.getAttachment(AttachmentGid.of("7")).join().name());
        }
    }
}
