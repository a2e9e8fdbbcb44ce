package dev.attache.server.attachments;

import java.util.List;
import java.util.Optional;

import dev.attache.server.directory.Parent;

/** Attachment metadata. The seam behind which SQLite or PostgreSQL sit. Implementations are thread-safe. */
public interface AttachmentStore {

    /**
     * Records a new attachment; visible to readers once this returns. For an upload, the row takes over
     * from the blob's upload intent in the same transaction.
     *
     * @return false, changing nothing, when the parent no longer exists (deleted meanwhile)
     */
    boolean insert(Attachment attachment);

    Optional<Attachment> find(long gid);

    /**
     * An attachment with its parent and whether a user may see it, in one round trip: the lookup
     * every GET of an attachment makes.
     */
    Optional<Located> locate(long gid, long userGid);

    /**
     * An attachment in context.
     *
     * @param visible whether the user is a member of the parent's workspace
     */
    record Located(Attachment attachment, Parent parent, boolean visible) {
    }

    /** Up to {@code limit} attachments of a parent with gids above {@code afterGid}, oldest first. */
    List<Attachment> page(long parentGid, long afterGid, int limit);

    /** Removes an attachment's row and returns it, or empty when there was none. */
    Optional<Attachment> delete(long gid);

    /**
     * Removes a parent (and, for a project, its briefs) with all their attachments in one transaction.
     *
     * @return the blob keys that no row references any more, for the caller to delete
     */
    Optional<List<String>> deleteParent(long parentGid);

    /** Whether any row points at a blob key. */
    boolean isReferenced(String blobKey);
}
