package dev.attache.server.faults;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.http.ApiException;
import dev.attache.server.http.IncidentPhrases;
import dev.attache.server.http.Json;

/**
 * Applies the {@link FaultPlan} in front of every route, direct or framework, at the Jetty level, so a
 * fault looks to the client exactly as a real failure would: a status Asana sends, a slow answer, or a
 * TCP connection that closes mid-body. Requests to the control API are never faulted. Only a server
 * with test controls has one (see {@link TestControls#faultHandler}).
 */
final class FaultHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(FaultHandler.class);

    private final FaultPlan plan;
    private final Json json;
    private final IncidentPhrases phrases = new IncidentPhrases();
    private final Set<Runnable> held = ConcurrentHashMap.newKeySet();

    FaultHandler(FaultPlan plan, Json json) {
        this.plan = plan;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        Optional<Fault> fault = path.startsWith(ControlRoutes.PREFIX + "/")
                ? Optional.empty() : plan.take(request.getMethod(), path);
        if (fault.isEmpty()) {
            return super.handle(request, response, callback);
        }
        LOG.info("Fault {} on {} {}", fault.get(), request.getMethod(), firstSegment(path));
        if (fault.get() instanceof Fault.Respond respond) {
            respond(respond, request, response, callback);
            return true;
        }
        if (fault.get() instanceof Fault.Delay delay) {
            hold(request, response, callback, delay.duration());
            return true;
        }
        if (fault.get() instanceof Fault.CutRequest cut) {
            if (cut.afterBytes() == 0) {
                cut(request);
                callback.failed(new EofException("connection cut by a fault"));
                return true;
            }
            return super.handle(new CuttingRequest(request, cut.afterBytes()), response, callback);
        }
        Fault.CutResponse cut = (Fault.CutResponse) fault.get();
        return super.handle(request, new CuttingResponse(request, response, cut.afterBytes()), callback);
    }

    /** Only the first segment: the rest may hold gids or, on download URLs, nothing a log should keep. */
    private static String firstSegment(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second) + "/…";
    }

    /** Handles the request after a while, without holding a thread meanwhile; stopping the server drops it. */
    private void hold(Request request, Response response, Callback callback, Duration delay) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable drop = () -> {
            if (done.compareAndSet(false, true)) {
                callback.failed(new EofException("server stopped while a delay fault held the request"));
            }
        };
        held.add(drop);
        getServer().getScheduler().schedule(() -> {
            held.remove(drop);
            if (done.compareAndSet(false, true)) {
                getServer().getThreadPool().execute(() -> handleLater(request, response, callback));
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        // A held request would otherwise keep a graceful stop waiting for the rest of its delay.
        for (Runnable drop : held) {
            drop.run();
        }
        held.clear();
        super.doStop();
    }

    private void handleLater(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    /**
     * Reads and drops the request body first, as a real handler that refuses a request does: an unread
     * body makes Jetty close the connection, which can reset it before the client reads the answer.
     */
    private void respond(Fault.Respond respond, Request request, Response response, Callback callback) {
        Content.Source.consumeAll(request, Callback.from(() -> write(respond, response, callback), callback::failed));
    }

    private void write(Fault.Respond respond, Response response, Callback callback) {
        int status = respond.status();
        String phrase = status == 500 ? phrases.next() : null;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
        if (respond.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(respond.retryAfterSeconds()));
        }
        byte[] body = json.bytes(Json.errorBody(messageFor(status), phrase));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 429 -> ApiException.rateLimited(1).getMessage();
            case 500 -> "Server Error";
            default -> HttpStatus.getMessage(status);
        };
    }

    /** Closes the TCP connection under a request: the client sees a reset or an early end of stream. */
    static void cut(Request request) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
    }

    /** A request whose body delivers at most {@code limit} bytes before the connection goes away. */
    private static final class CuttingRequest extends Request.Wrapper {
        private final long limit;
        private long delivered;

        CuttingRequest(Request wrapped, long limit) {
            super(wrapped);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            delivered += chunk.remaining();
            if (delivered < limit) {
                return chunk;
            }
            chunk.release();
            cut(getWrapped());
            return Content.Chunk.from(new EofException("connection cut by a fault after " + limit + " request bytes"), true);
        }
    }

    /** A response that writes {@code limit} body bytes, then closes the connection instead of the rest. */
    private static final class CuttingResponse extends Response.Wrapper {
        private final long limit;
        private long written;

        CuttingResponse(Request request, Response wrapped, long limit) {
            super(request, wrapped);
            this.limit = limit;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            int size = content == null ? 0 : content.remaining();
            if (written + size <= limit) {
                written += size;
                super.write(last, content, callback);
                return;
            }
            ByteBuffer head = content.slice();
            head.limit((int) (limit - written));
            written = limit;
            super.write(false, head, Callback.from(() -> abort(callback), failure -> abort(callback)));
        }

        private void abort(Callback callback) {
            cut(getRequest());
            callback.failed(new EofException("connection cut by a fault after " + limit + " response bytes"));
        }
    }
}
