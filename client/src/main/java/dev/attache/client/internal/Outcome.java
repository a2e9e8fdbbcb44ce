package dev.attache.client.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/**
 * How one attempt ended: a response, or a failure before a usable response.
 *
 * @param response the response, or null
 * @param failure the network failure, or null
 * @param bodyBytesRead how many request body bytes the connection took
 */
record Outcome(@Nullable HttpResponse<byte[]> response, @Nullable IOException failure, long bodyBytesRead) {

    boolean isSuccess() {
        return response != null && response.statusCode() / 100 == 2;
    }
}
