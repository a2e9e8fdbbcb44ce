package dev.attache.server.db;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Rows read recently, served from memory while nothing has been committed to the database since they
 * were read: the {@link ChangeWatch} mark is read before the row, and an entry is served only while the
 * mark is still the same, so any write, by this process or another, sends the next read back to the
 * database. Only rows that were found are kept, so lookups of made-up keys cannot fill it. Inside a
 * transaction it reads the database and keeps nothing: what a transaction sees may never be committed,
 * and a rollback leaves the mark as it was. Without a watch (an engine that cannot tell cheaply, such as
 * PostgreSQL) every read goes to the database and nothing is kept. Thread-safe.
 *
 * @param <K> what a row is looked up by
 * @param <V> the row
 */
public final class RecentReads<K, V> {

    private record Marked<V>(V value, long mark) {
    }

    private final @Nullable ChangeWatch changes;
    private final BooleanSupplier insideTransaction;
    private final @Nullable Cache<K, Marked<V>> byKey;

    /** @param maxEntries how many rows to keep; beyond it, the least used go back to the database */
    RecentReads(@Nullable ChangeWatch changes, BooleanSupplier insideTransaction, int maxEntries) {
        this.changes = changes;
        this.insideTransaction = insideTransaction;
        this.byKey = changes == null ? null : Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    /**
     * The row for {@code key}: from memory when nothing was committed since it was read and it still
     * passes {@code stillGood} (a check against the clock, say), else from {@code read}.
     */
    public Optional<V> get(K key, Predicate<V> stillGood, Function<K, Optional<V>> read) {
        if (changes == null || byKey == null || insideTransaction.getAsBoolean()) {
            return read.apply(key);
        }
        long mark = changes.mark();
        Marked<V> recent = byKey.getIfPresent(key);
        if (recent != null && recent.mark() == mark && stillGood.test(recent.value())) {
            return Optional.of(recent.value());
        }
        Optional<V> found = read.apply(key);
        found.ifPresentOrElse(value -> byKey.put(key, new Marked<>(value, mark)), () -> byKey.invalidate(key));
        return found;
    }
}
