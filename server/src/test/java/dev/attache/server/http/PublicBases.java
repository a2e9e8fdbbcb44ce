package dev.attache.server.http;

import java.net.URI;

/** A {@link PublicBase} already set, for unit tests of the parts that build URLs from it. */
public final class PublicBases {

    private PublicBases() {
    }

    public static PublicBase of(String uri) {
        PublicBase base = new PublicBase();
        base.set(URI.create(uri));
        return base;
    }
}
