package dev.attache.client;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * @param items the items, in the order the API returned them; an unmodifiable copy
 * @param next where the next page starts, or null on the last page (and always null when the
 *     request had no {@code limit})
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable NextPage next) {

    /**
     * Copies the items.
     *
     * @param items the items, in the order the API returned them; an unmodifiable copy
     * @param next where the next page starts, or null on the last page (and always null when the
     *     request had no {@code limit})
     * @throws NullPointerException if {@code items} or any item is null
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * Tells whether another page follows.
     *
     * @return true when {@link #next()} is not null
     */
    public boolean hasNext() {
        return next != null;
    }
}
