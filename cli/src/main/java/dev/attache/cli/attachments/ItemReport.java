package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.cli.output.ExitCode;
import dev.attache.cli.output.JsonLines;
import dev.attache.cli.output.OutputFormat;

/**
 * The outcome of every item of a batch (a file to upload, a gid to fetch or delete), one line each
 * as it finishes, and the exit code of the whole. Successes go to standard output; failures to
 * standard error, or to standard output as {@code {"file": …, "error": …}} objects with
 * {@code --json}. Thread-safe: transfers finish on HTTP client threads.
 */
final class ItemReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat.Mode mode;
    private final Progress progress;
    private final @Nullable Connection connection;
    private final boolean verbose;
    private final String itemKey;
    private final List<Failure> failures = new ArrayList<>();
    private int succeeded;

    /**
     * @param itemKey what items are called in JSON failure objects: {@code file} or {@code gid}
     */
    ItemReport(PrintWriter out, PrintWriter err, OutputFormat.Mode mode, Progress progress,
            @Nullable Connection connection, boolean verbose, String itemKey) {
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.progress = progress;
        this.connection = connection;
        this.verbose = verbose;
        this.itemKey = itemKey;
    }

    /** A new JSON object, for {@link #succeeded}. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * An item succeeded (or was skipped, which is success too).
     *
     * @param text the line for people
     * @param json the object for {@code --json}
     * @param gid  the line for {@code --ids}, or null to print none
     */
    synchronized void succeeded(String text, ObjectNode json, @Nullable String gid) {
        succeeded++;
        progress.printAbove(() -> {
            switch (mode) {
                case TEXT -> out.println(text);
                case JSON -> out.println(JsonLines.line(json));
                case IDS -> {
                    if (gid != null) {
                        out.println(gid);
                    }
                }
            }
            out.flush();
        });
    }

    /**
     * An item failed.
     *
     * @param item   the file or gid, as the person named it
     * @param thrown what it failed with
     */
    synchronized void failed(String item, Throwable thrown) {
        Failure failure = Failures.explain(thrown, connection);
        failures.add(failure);
        progress.printAbove(() -> {
            if (mode == OutputFormat.Mode.JSON) {
                ObjectNode json = object();
                json.put(itemKey, item);
                json.put("error", failure.message());
                json.put("exit_code", failure.exitCode());
                out.println(JsonLines.line(json));
                out.flush();
            } else {
                err.println("FAILED " + item + ": " + failure.message());
            }
            if (verbose) {
                failure.cause().printStackTrace(err);
            }
            err.flush();
        });
    }

    /**
     * The batch was interrupted: says how far it got and how to finish it, on standard error.
     *
     * @param summary for example {@code 12 uploaded, 1 interrupted, 86 not started}
     * @param resume  the command that finishes the batch
     */
    synchronized void interrupted(String summary, String resume) {
        err.println("attache: interrupted: " + summary + ".");
        err.println("attache: " + resume);
        err.flush();
    }

    /**
     * Ends a dry run: says on standard error that nothing was changed, then as {@link #finish()}.
     *
     * @return the exit code the real run would have had if everything it would send succeeded
     */
    synchronized int finishDryRun() {
        err.println("attache: dry run; nothing was changed.");
        err.flush();
        return finish();
    }

    /**
     * Ends the batch: a summary on standard error when anything of several failed.
     *
     * @return 0 when all succeeded; the failure's own code when every item failed for the same
     *     reason (so a single item keeps its per-status code); else {@link ExitCode#SOME_FAILED}
     */
    synchronized int finish() {
        if (failures.isEmpty()) {
            return ExitCode.OK;
        }
        int total = succeeded + failures.size();
        if (total > 1) {
            err.println("attache: " + failures.size() + " of " + total + " failed; "
                    + (succeeded == 0 ? "nothing succeeded." : "the other " + succeeded + " succeeded."));
            err.flush();
        }
        int first = failures.get(0).exitCode();
        boolean same = failures.stream().allMatch(f -> f.exitCode() == first);
        return succeeded == 0 && same ? first : ExitCode.SOME_FAILED;
    }
}
