package dev.attache.client;

import dev.attache.client.internal.Futures;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Walks a list page by page, asynchronously. As soon as a page arrives the next one is fetched in
 * the background, so the caller rarely waits. Stops after the last page or after
 * {@link PageRequest#maxItems()} items, whichever comes first.
 *
 * <p>Errors are never swallowed: if a page fails, the future of that {@link #nextPage()} call
 * fails with the real {@link AsanaException}, and every later call fails the same way.
 *
 * <pre>{@code
 * PageIterator<Attachment> pages = api.pages(parent, PageRequest.limit(100));
 * pages.forEach(a -> System.out.println(a.name())).join();
 * }</pre>
 *
 * <p>Cancelling a returned future cancels the page request behind it. Not for concurrent use: call {@link #nextPage()} again only after the previous future has
 * completed.
 *
 * @param <T> the item type
 */
public final class PageIterator<T> {

    private final Function<@Nullable String, CompletableFuture<Page<T>>> fetch;
    private final @Nullable Long maxItems;
    private @Nullable CompletableFuture<Page<T>> ahead;
    private @Nullable String offset;
    private @Nullable NextPage lastNext;
    private long delivered;
    private boolean finished;

    /**
     * Creates an iterator.
     *
     * @param fetch fetches the page at an offset (null for the first page)
     * @param request the starting offset and the item cap
     */
    PageIterator(Function<@Nullable String, CompletableFuture<Page<T>>> fetch, PageRequest request) {
        this.fetch = fetch;
        this.maxItems = request.maxItems();
        this.offset = request.offset();
        this.finished = maxItems != null && maxItems == 0;
    }

    /**
     * The next page.
     *
     * @return completes with the page, or empty after the last one; completes exceptionally
     *     with the {@link AsanaException} the request failed with
     */
    public synchronized CompletableFuture<Optional<Page<T>>> nextPage() {
        if (finished) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Page<T>> current = ahead != null ? ahead : fetch.apply(offset);
        ahead = null;
        return Futures.map(current, this::accept);
    }

    /**
     * The {@code next_page} of the latest page received: where a later run could resume.
     *
     * @return the latest next page, empty before the first page and after the last
     */
    public synchronized Optional<NextPage> nextPageToken() {
        return Optional.ofNullable(lastNext);
    }

    /**
     * Hands every remaining item to {@code action}, in order, on the thread that completed the
     * page.
     *
     * @param action called once per item; if it throws, the returned future fails with that
     * @return completes after the last item, or exceptionally with the first failure
     */
    public CompletableFuture<Void> forEach(Consumer<? super T> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> fetching = new AtomicReference<>(done);
        // Cancelling the walk cancels the page request in flight, and with it the exchange.
        done.whenComplete((v, t) -> fetching.get().cancel(true));
        drain(action, done, fetching);
        return done;
    }

    private void drain(Consumer<? super T> action, CompletableFuture<Void> done,
            AtomicReference<CompletableFuture<?>> fetching) {
        // Loops while pages are already there, and re-enters from a callback otherwise, so long
        // lists neither block a thread nor grow the stack.
        while (!done.isDone()) {
            CompletableFuture<Optional<Page<T>>> next = nextPage();
            if (!next.isDone()) {
                fetching.set(next);
                if (done.isDone()) {
                    next.cancel(true);
                    return;
                }
                next.whenComplete((page, error) -> {
                    if (handle(page, error, action, done)) {
                        drain(action, done, fetching);
                    }
                });
                return;
            }
            if (!next.handle((page, error) -> handle(page, error, action, done)).join()) {
                return;
            }
        }
    }

    private boolean handle(@Nullable Optional<Page<T>> page, @Nullable Throwable error,
            Consumer<? super T> action, CompletableFuture<Void> done) {
        if (error != null) {
            done.completeExceptionally(Futures.unwrap(error));
            return false;
        }
        if (page == null || page.isEmpty()) {
            done.complete(null);
            return false;
        }
        try {
            page.get().items().forEach(action);
            return true;
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return false;
        }
    }

    private synchronized Optional<Page<T>> accept(Page<T> page) {
        List<T> items = page.items();
        if (maxItems != null && delivered + items.size() >= maxItems) {
            items = items.subList(0, (int) (maxItems - delivered));
            finished = true;
        }
        delivered += items.size();
        lastNext = page.next().orElse(null);
        if (lastNext == null) {
            finished = true;
        } else {
            offset = lastNext.offset();
            if (!finished) {
                ahead = fetch.apply(offset);
            }
        }
        return Optional.of(new Page<>(items, page.next()));
    }
}
