package dev.attache.server.auth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

import dev.attache.server.ratelimit.RateLimiter;
import io.javalin.http.Context;

/**
 * The one gate every API request passes, whichever path answers it (the framework's routes through
 * {@link ApiRoutes}, or a direct route on Jetty's core API), and the console's listings with them:
 * authenticate the bearer token or browser session, admit the request under the token's rate limits,
 * check the route's scope, and hold the in-flight slot over the route's whole work (its database reads
 * and its rendering), freeing it however the work ends. So a request the limits refuse costs neither a
 * database read nor a render, on any path, and a token's reads share one set of slots whichever page or
 * client sends them.
 *
 * <p>A direct route may find, once admitted, that the framework must answer after all (the attachment is
 * not there, or the answer is to be compressed). It then {@linkplain Admission#handOver() hands its
 * admission over} with the request, and the framework route runs under that same admission: the request
 * takes one slot and counts once against the minute's quota. Thread-safe.
 */
public final class ApiGate {

    /** The request attribute that carries a handed-over admission from a direct route to the framework. */
    private static final String ADMISSION = ApiGate.class.getName() + ".admission";

    private final Authenticator authenticator;
    private final RateLimiter limiter;

    public ApiGate(Authenticator authenticator, RateLimiter limiter) {
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    /** What a route does once through the gate. */
    @FunctionalInterface
    public interface Work {
        void run(Principal principal) throws Exception;
    }

    /**
     * Passes a framework request: 401 without a live token or session, 429 over the limits, 403 without
     * {@code scope}; otherwise runs {@code work} holding the slot. A request a direct route admitted and
     * handed over runs under that admission instead of taking a second one.
     *
     * @param scope the scope the route needs, or null for none
     */
    void pass(Context ctx, boolean write, @Nullable Scope scope, Work work) throws Exception {
        Admission carried = ctx.attribute(ADMISSION);
        Principal principal;
        RateLimiter.Permit permit;
        if (carried != null) {
            ctx.attribute(ADMISSION, null);
            principal = carried.principal;
            permit = carried.permit;
        } else {
            principal = authenticator.authenticate(ctx);
            permit = limiter.acquire(principal.tokenGid(), write);
        }
        try (permit) {
            if (scope != null) {
                principal.require(scope);
            }
            work.run(principal);
        }
    }

    /**
     * Passes a framework read served outside {@link ApiRoutes#PREFIX} (the console's listings) as an API
     * read without a scope, such as {@code GET /workspaces}, is passed: 401, 429, or {@code work} run
     * holding the slot.
     */
    public void passRead(Context ctx, Work work) throws Exception {
        pass(ctx, false, null, work);
    }

    /**
     * Admits a read on Jetty's core API, for a direct route. Returns empty, having changed nothing, when
     * the request has no bearer token that is live and holds {@code scope}: the framework route answers
     * those. Closing the admission frees the slot, unless it was handed over.
     *
     * @throws dev.attache.server.http.ApiException 429 when the token's limits refuse the request; it
     *     has counted against the minute's quota, so the direct route answers it
     */
    public Optional<Admission> admitRead(Request request, Scope scope) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        Optional<Principal> principal = authenticator.principal(authorization).filter(p -> p.has(scope));
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        RateLimiter.Permit permit = limiter.acquire(principal.get().tokenGid(), false);
        return Optional.of(new Admission(request, principal.get(), permit));
    }

    /** A request admitted through the gate on the direct path, holding its in-flight slot until closed. */
    public static final class Admission implements AutoCloseable {
        private final Request request;
        private final Principal principal;
        private final RateLimiter.Permit permit;
        private final AtomicBoolean handedOver = new AtomicBoolean();

        private Admission(Request request, Principal principal, RateLimiter.Permit permit) {
            this.request = request;
            this.principal = principal;
            this.permit = permit;
        }

        /** Who is calling. */
        public Principal principal() {
            return principal;
        }

        /**
         * Leaves the request, admitted, to the framework route, which then runs under this admission
         * and frees the slot when its work ends. Should the request never reach that route, the slot is
         * freed when the request completes.
         */
        public void handOver() {
            if (handedOver.compareAndSet(false, true)) {
                request.setAttribute(ADMISSION, this);
                Request.addCompletionListener(request, failure -> permit.close());
            }
        }

        /** Frees the slot, unless the admission was handed over. */
        @Override
        public void close() {
            if (!handedOver.get()) {
                permit.close();
            }
        }
    }
}
