package dev.attache.client.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A call's exchange that has not started yet, for a thread that blocks on the call's future to
 * run itself (see {@link HelpedFuture}). Only reads are offered: a read may be sent again from a
 * worker if the waiting thread is interrupted midway.
 */
final class WaitingHelps {

    private final AtomicReference<@Nullable Exchange<?>> next = new AtomicReference<>();

    /** Offers the exchange a worker has also been given; whoever starts it first sends it. */
    void offer(Exchange<?> exchange) {
        next.set(exchange);
    }

    /** Sends the offered exchange on this thread, unless a worker has started it or none is waiting. */
    void helpHere() {
        Exchange<?> exchange = next.getAndSet(null);
        if (exchange != null) {
            exchange.runHere();
        }
    }
}
