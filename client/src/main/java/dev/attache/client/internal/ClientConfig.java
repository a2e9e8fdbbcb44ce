package dev.attache.client.internal;

import dev.attache.client.CallListener;
import dev.attache.client.ConcurrencyLimits;
import dev.attache.client.RetryPolicy;
import dev.attache.client.Sleeper;
import dev.attache.client.TokenProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Everything the builder settled, checked and complete.
 *
 * @param baseUri the API base, without a trailing slash, for example {@code https://app.asana.com/api/1.0}
 * @param tokens supplies bearer tokens
 * @param runtime the threads and HTTP client
 * @param responseTimeout how long a request without a body may wait for its response headers
 * @param idleTimeout how long an upload may go without progress
 * @param retry the retry policy
 * @param limits the in-flight limits
 * @param clock the clock for time budgets and idle detection
 * @param sleeper waits between retries
 * @param jitter random numbers in [0, 1) for backoff jitter
 * @param wireLogging whether to log requests and responses
 * @param expectContinue whether uploads ask with {@code Expect: 100-continue} before sending the body
 * @param listener hears call events
 * @param identity the {@code User-Agent} and {@code X-Asana-Client-Lib} values
 */
public record ClientConfig(URI baseUri, TokenProvider tokens, ClientRuntime runtime, Duration responseTimeout,
        Duration idleTimeout, RetryPolicy retry, ConcurrencyLimits limits, Clock clock, Sleeper sleeper,
        DoubleSupplier jitter, boolean wireLogging, boolean expectContinue, CallListener listener,
        ClientIdentity identity) {
}
