package dev.attache.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * @param items the items, in the order the API returned them; an unmodifiable copy
 * @param next where the next page starts; empty on the last page (and always empty when the
 *     request had no {@code limit})
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<NextPage> next) {

    /**
     * Copies the items.
     *
     * @param items the items, in the order the API returned them; an unmodifiable copy
     * @param next where the next page starts; empty on the last page
     * @throws NullPointerException if {@code items}, any item or {@code next} is null
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(next, "next");
    }

    /**
     * A page followed by {@code next}, or the last page when it is null.
     *
     * @param items the items, in order; copied
     * @param next where the next page starts, or null on the last page
     */
    public Page(List<T> items, @Nullable NextPage next) {
        this(items, Optional.ofNullable(next));
    }

    /**
     * Tells whether another page follows.
     *
     * @return true when {@link #next()} is present
     */
    public boolean hasNext() {
        return next.isPresent();
    }
}
