package dev.attache.cli.attachments;

import java.util.Objects;

import dev.attache.cli.output.OutputFormat;

/**
 * A batch of transfers under way: its progress lines, the report of each item's outcome, and what
 * to say if the process is stopped before it ends. Closing it removes the lines and the watch; the
 * report stays, for {@link ItemReport#finish()}.
 */
final class Batch implements AutoCloseable {

    /**
     * What an interrupted batch says on standard error after its lines are gone.
     *
     * @param finished      the verb its tally counts finished files with, such as {@code uploaded}
     * @param resume        the sentence that says how to finish the batch
     * @param beforeSummary runs first, after the lines are gone: for waiting on answers that are
     *                      moments away, so their result lines print before the summary
     */
    record Interrupted(String finished, String resume, Runnable beforeSummary) {

        Interrupted {
            Objects.requireNonNull(finished, "finished");
            Objects.requireNonNull(resume, "resume");
            Objects.requireNonNull(beforeSummary, "beforeSummary");
        }

        Interrupted(String finished, String resume) {
            this(finished, resume, () -> { });
        }
    }

    private final Progress progress;
    private final ItemReport report;
    private final Interruption interruption;

    private Batch(Progress progress, ItemReport report, Interruption interruption) {
        this.progress = progress;
        this.report = report;
        this.interruption = interruption;
    }

    /**
     * Starts the progress lines (unless {@code quiet} or standard error is no terminal), moves the
     * session's retry notices above them and watches for the process being stopped.
     *
     * @param files how many files the batch transfers
     * @param bytes the sum of their sizes
     */
    static Batch start(Session session, OutputFormat.Mode mode, String itemKey, boolean quiet, int files, long bytes,
            Interrupted interrupted) {
        Progress progress = Progress.of(session.terminal(), quiet, files, bytes);
        ItemReport report = session.report(mode, itemKey, progress);
        session.retries().above(progress);
        Interruption interruption = Interruption.watch(() -> {
            progress.stop();
            interrupted.beforeSummary().run();
            report.interrupted(progress.tally().describe(interrupted.finished()), interrupted.resume());
        });
        return new Batch(progress, report, interruption);
    }

    Progress progress() {
        return progress;
    }

    ItemReport report() {
        return report;
    }

    @Override
    public void close() {
        interruption.close();
        progress.close();
    }
}
