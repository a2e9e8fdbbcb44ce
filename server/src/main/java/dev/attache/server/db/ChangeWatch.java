package dev.attache.server.db;

/**
 * Tells cheaply whether anything may have been committed to the database since an earlier look, by
 * this process or any other. A cache of rows stays correct by reading a mark before it reads the rows
 * and serving them only while the mark is unchanged. Thread-safe.
 */
public interface ChangeWatch extends AutoCloseable {

    /**
     * An opaque mark of the database's state. Two equal marks mean no connection committed anything
     * between the two calls; a commit, or any doubt (the watch could not look), gives a different one.
     */
    long mark();

    /** Releases what the watch holds. */
    @Override
    void close();
}
