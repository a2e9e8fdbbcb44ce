package dev.attache.server.auth;

import java.util.Optional;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.attache.server.db.ChangeWatch;

/**
 * Tokens that authenticated recently, so a busy client's requests skip the token query and its
 * SHA-256. Revocation stays immediate, whichever process writes it: an entry is served only while the
 * database's {@link ChangeWatch} mark is the one read before the entry's row was, so any commit since
 * (a revocation by the admin command, or anything else) sends the next request back to the database.
 * Only tokens that authenticated are kept, so made-up tokens cannot fill it. Thread-safe.
 */
final class RecentTokens {

    /** Enough for every client of a small server; beyond it, the least used go back to the query. */
    static final int MAX_TOKENS = 10_000;

    /**
     * A token that was live when the database had a given mark.
     *
     * @param expiresAt when it stops working (epoch millis), or null if never
     */
    record Live(Principal principal, @Nullable Long expiresAt) {
        boolean at(long nowMillis) {
            return expiresAt == null || expiresAt > nowMillis;
        }
    }

    private record Marked(Live live, long mark) {
    }

    private final ChangeWatch changes;
    private final Cache<String, Marked> byToken = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .executor(Runnable::run)
            .build();

    RecentTokens(ChangeWatch changes) {
        this.changes = changes;
    }

    /**
     * The principal of a token live at {@code nowMillis}: from memory while nothing was committed since
     * it was looked up, else from {@code lookup}, which reads the database.
     */
    Optional<Principal> principal(String token, long nowMillis, LongFunction<Optional<Live>> lookup) {
        long mark = changes.mark();
        Marked recent = byToken.getIfPresent(token);
        if (recent != null && recent.mark() == mark && recent.live().at(nowMillis)) {
            return Optional.of(recent.live().principal());
        }
        Optional<Live> found = lookup.apply(nowMillis);
        found.ifPresentOrElse(live -> byToken.put(token, new Marked(live, mark)), () -> byToken.invalidate(token));
        return found.map(Live::principal);
    }
}
