package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

import dev.attache.client.CallInfo;
import dev.attache.client.CallListener;
import dev.attache.client.RetryPolicy;

/**
 * Says on standard error that the client is about to retry, so a person waiting on a server that
 * stopped answering sees why nothing happens: {@code retrying in 2 s (attempt 2 of 5)…}. Lines go
 * above the progress bars when there are some.
 */
final class RetryNotice implements CallListener {

    private final PrintWriter err;
    private final int maxAttempts;
    private volatile Progress progress = Progress.none();

    RetryNotice(PrintWriter err) {
        this.err = err;
        this.maxAttempts = RetryPolicy.defaults().maxAttempts();
    }

    /** Prints further notices above {@code bars}. */
    void above(Progress bars) {
        this.progress = bars;
    }

    @Override
    public void retry(CallInfo call, int nextAttempt, Duration delay) {
        String seconds = delay.toMillis() < 1000 ? String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0)
                : Long.toString(Math.round(delay.toMillis() / 1000.0));
        String line = "attache: " + call.method() + " " + call.path() + " failed; retrying in " + seconds
                + " s (attempt " + nextAttempt + " of " + maxAttempts + ")…";
        progress.printAbove(() -> {
            err.println(line);
            err.flush();
        });
    }
}
