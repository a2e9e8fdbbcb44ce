package dev.attache.server.auth;

import java.util.Optional;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

import dev.attache.server.db.RecentReads;

/**
 * Tokens that authenticated recently, so a busy client's requests skip the token query and its
 * SHA-256. Revocation stays immediate, whichever process writes it: {@link RecentReads} serves an
 * entry only while nothing has been committed since its row was read (a revocation by the admin
 * command, or anything else). Thread-safe.
 */
final class RecentTokens {

    /** Enough for every client of a small server; beyond it, the least used go back to the query. */
    static final int MAX_TOKENS = 10_000;

    /**
     * A token that was live when it was read.
     *
     * @param expiresAt when it stops working (epoch millis), or null if never
     */
    record Live(Principal principal, @Nullable Long expiresAt) {
        boolean at(long nowMillis) {
            return expiresAt == null || expiresAt > nowMillis;
        }
    }

    private final RecentReads<String, Live> byToken;

    RecentTokens(RecentReads<String, Live> byToken) {
        this.byToken = byToken;
    }

    /**
     * The principal of a token live at {@code nowMillis}: from memory while nothing was committed since
     * it was looked up, else from {@code lookup}, which reads the database.
     */
    Optional<Principal> principal(String token, long nowMillis, LongFunction<Optional<Live>> lookup) {
        return byToken.get(token, live -> live.at(nowMillis), t -> lookup.apply(nowMillis)).map(Live::principal);
    }
}
