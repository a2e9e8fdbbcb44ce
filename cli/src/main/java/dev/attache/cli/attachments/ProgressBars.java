package dev.attache.cli.attachments;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** {@link Progress} drawn with {@code me.tongfei:progressbar}, each bar on its own line. */
final class ProgressBars implements Progress {

    private final PrintStream out;
    private final ProgressBar total;

    ProgressBars(PrintStream out, long totalBytes) {
        this.out = out;
        this.total = bar("Total", totalBytes);
    }

    private ProgressBar bar(String name, long size) {
        return new ProgressBarBuilder()
                .setTaskName(name.length() > 30 ? name.substring(0, 29) + "…" : name)
                .setInitialMax(Math.max(size, 0))
                .setUnit("KiB", 1024)
                .showSpeed()
                .setConsumer(new InteractiveConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public FileProgress file(String name, long size) {
        ProgressBar bar = bar(name, size);
        AtomicLong last = new AtomicLong();
        return new FileProgress() {
            @Override
            public void onProgress(long bytes, long all) {
                // A retried transfer starts again from zero, so the total moves by the difference.
                total.stepBy(bytes - last.getAndSet(bytes));
                bar.stepTo(bytes);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    @Override
    public void close() {
        total.close();
    }
}
