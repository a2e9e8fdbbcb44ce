package dev.attache.client;

import dev.attache.client.internal.Futures;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Walks a list item by item, asynchronously, on top of a {@link PageIterator}: pages are fetched
 * as needed, the next one in the background, and the item cap of the {@link PageRequest} holds.
 *
 * <pre>{@code
 * ItemIterator<Attachment> items = api.items(parent, PageRequest.limit(100));
 * for (Optional<Attachment> a = items.next().join(); a.isPresent(); a = items.next().join()) {
 *     System.out.println(a.get().name());
 * }
 * }</pre>
 *
 * <p>A failed page fails the {@link #next()} call that needed it with the real
 * {@link AsanaException}. Not for concurrent use: call {@link #next()} again only after the
 * previous future has completed.
 *
 * @param <T> the item type
 */
public final class ItemIterator<T> {

    private final PageIterator<T> pages;
    private Iterator<T> current = Collections.emptyIterator();

    ItemIterator(PageIterator<T> pages) {
        this.pages = pages;
    }

    /**
     * The next item.
     *
     * @return completes with the item, or empty after the last one
     */
    public synchronized CompletableFuture<Optional<T>> next() {
        if (current.hasNext()) {
            return CompletableFuture.completedFuture(Optional.of(current.next()));
        }
        return Futures.compose(pages.nextPage(), page -> {
            if (page.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<T>empty());
            }
            synchronized (this) {
                current = page.get().items().iterator();
            }
            return next();
        });
    }

    /**
     * The underlying pages, for {@link PageIterator#nextPageToken()}.
     *
     * @return the page iterator
     */
    public PageIterator<T> pages() {
        return pages;
    }
}
