package dev.attache.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to list attachments: page size ({@code limit}), where to start ({@code offset}), which
 * fields, and at most how many items in total when iterating. Immutable; safe to share.
 *
 * <pre>{@code
 * PageRequest.limit(50).withFields(Fields.of(Field.NAME)).withMaxItems(120)
 * }</pre>
 *
 * @param limit page size 1..100, or null for a single page holding every item (the API refuses
 *     more than 1,000 items without a limit)
 * @param offset the offset token of the page to start at, or null for the first page
 * @param fields the fields to return
 * @param maxItems the most items an iteration delivers, or null for no cap
 */
public record PageRequest(
        @Nullable Integer limit,
        @Nullable String offset,
        Fields fields,
        @Nullable Long maxItems) {

    /**
     * Checks the components.
     *
     * @param limit page size 1..100, or null for a single page holding every item (the API refuses
     *     more than 1,000 items without a limit)
     * @param offset the offset token of the page to start at, or null for the first page
     * @param fields the fields to return
     * @param maxItems the most items an iteration delivers, or null for no cap
     * @throws IllegalArgumentException if {@code limit} is outside 1..100 or {@code maxItems}
     *     is negative
     */
    public PageRequest {
        Objects.requireNonNull(fields, "fields");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("limit must be between 1 and 100, got " + limit);
        }
        if (maxItems != null && maxItems < 0) {
            throw new IllegalArgumentException("maxItems must not be negative, got " + maxItems);
        }
    }

    /**
     * Everything in one response, without paging.
     *
     * @return the request
     */
    public static PageRequest all() {
        return new PageRequest(null, null, Fields.defaults(), null);
    }

    /**
     * Pages of {@code limit} items.
     *
     * @param limit 1..100
     * @return the request
     * @throws IllegalArgumentException if {@code limit} is outside 1..100
     */
    public static PageRequest limit(int limit) {
        return new PageRequest(limit, null, Fields.defaults(), null);
    }

    /**
     * Starts at the page {@code offset} names.
     *
     * @param offset an offset token from {@link NextPage#offset()}
     * @return a new request
     */
    public PageRequest withOffset(String offset) {
        return new PageRequest(limit, Objects.requireNonNull(offset, "offset"), fields, maxItems);
    }

    /**
     * Returns these fields.
     *
     * @param fields the selection
     * @return a new request
     */
    public PageRequest withFields(Fields fields) {
        return new PageRequest(limit, offset, fields, maxItems);
    }

    /**
     * Stops an iteration after {@code maxItems} items.
     *
     * @param maxItems zero or more
     * @return a new request
     * @throws IllegalArgumentException if {@code maxItems} is negative
     */
    public PageRequest withMaxItems(long maxItems) {
        return new PageRequest(limit, offset, fields, maxItems);
    }
}
