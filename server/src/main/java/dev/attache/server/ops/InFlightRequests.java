package dev.attache.server.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Counts the requests in flight so that a graceful stop ({@link Graceful#shutdown(org.eclipse.jetty.util.component.Container)})
 * waits for them: its shutdown completes once none is left. Requests that arrive on a kept-alive
 * connection after the shutdown began are still served; Jetty's connector, shut down at the same time,
 * answers them with {@code Connection: close}, so the client's next request opens a connection to
 * another node.
 *
 * <p>Why not Jetty's {@code GracefulHandler}: it answers every request that arrives after the shutdown
 * began with a bare 503, and a balancer that reuses an idle upstream connection in that moment would
 * hand the 503 to a client whose request any other node would have served.
 *
 * <p>Thread-safe.
 */
public final class InFlightRequests extends Handler.Wrapper implements Graceful {

    private final LongAdder inFlight = new LongAdder();
    private final Shutdown shutdown = new Shutdown(this) {
        @Override
        public boolean isShutdownDone() {
            return inFlight.sum() == 0;
        }
    };

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // Counted before anything can complete it, so the shutdown never sees zero while this one runs.
        inFlight.increment();
        Callback counted = Callback.from(callback, this::finished);
        boolean handled;
        try {
            handled = super.handle(request, response, counted);
        } catch (Throwable t) {
            finished();
            throw t;
        }
        if (!handled) {
            finished();
        }
        return handled;
    }

    private void finished() {
        inFlight.decrement();
        if (shutdown.isShutdown()) {
            shutdown.check();
        }
    }

    /** The requests being handled now. */
    public long count() {
        return inFlight.sum();
    }

    /** Whether a graceful stop has begun: this node is draining. */
    @Override
    public boolean isShutdown() {
        return shutdown.isShutdown();
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return shutdown.shutdown();
    }
}
