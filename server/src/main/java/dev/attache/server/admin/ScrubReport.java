package dev.attache.server.admin;

import java.util.List;
import java.util.Objects;

/**
 * What a scrub found.
 *
 * @param checked how many uploaded attachments were checked
 * @param bytes   how many bytes were read and hashed
 * @param damage  the attachments whose bytes are missing or differ from their record, in gid order
 */
public record ScrubReport(int checked, long bytes, List<Damage> damage) {

    public ScrubReport {
        damage = List.copyOf(damage);
    }

    /** Whether every checked attachment's bytes matched its record. */
    public boolean clean() {
        return damage.isEmpty();
    }

    /** How an attachment's bytes differ from its record. */
    public enum Problem {
        /** No bytes under the recorded blob key. */
        MISSING,
        /** The bytes have another length than recorded. */
        WRONG_SIZE,
        /** The bytes have the recorded length but another SHA-256. */
        WRONG_HASH
    }

    /**
     * One damaged attachment.
     *
     * @param attachmentGid the attachment
     * @param parentGid     the task, project or brief it belongs to
     * @param name          its file name
     * @param blobKey       where its bytes should be
     * @param problem       what is wrong
     * @param detail        the recorded and found values, for the operator
     */
    public record Damage(long attachmentGid, long parentGid, String name, String blobKey, Problem problem, String detail) {
        public Damage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(blobKey, "blobKey");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
