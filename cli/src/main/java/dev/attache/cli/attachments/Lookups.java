package dev.attache.cli.attachments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;

/**
 * The attachments a command was given by gid, each looked up once (a gid named twice is one item),
 * all at the same time.
 *
 * @param gids    the distinct gids, in the order given
 * @param lookups each gid's lookup, finished
 */
record Lookups(List<AttachmentGid> gids, List<CompletableFuture<Attachment>> lookups) {

    Lookups {
        gids = List.copyOf(gids);
        lookups = List.copyOf(lookups);
    }

    /** Looks up every distinct gid with {@code lookup} and waits for all of them. */
    static Lookups of(List<AttachmentGid> gids, Function<AttachmentGid, CompletableFuture<Attachment>> lookup) {
        List<AttachmentGid> unique = gids.stream().distinct().toList();
        List<CompletableFuture<Attachment>> lookups = unique.stream().map(lookup).toList();
        Outcomes.settle(lookups);
        return new Lookups(unique, lookups);
    }

    /** The attachments found, in the order given. */
    List<Attachment> found() {
        List<Attachment> found = new ArrayList<>();
        for (CompletableFuture<Attachment> lookup : lookups) {
            if (!lookup.isCompletedExceptionally()) {
                found.add(lookup.join());
            }
        }
        return found;
    }

    /** Gives each gid that was not found its failure line. */
    void reportFailures(ItemReport report) {
        for (int i = 0; i < gids.size(); i++) {
            if (lookups.get(i).isCompletedExceptionally()) {
                report.failed(gids.get(i).value(), lookups.get(i).handle((a, t) -> t).join());
            }
        }
    }
}
