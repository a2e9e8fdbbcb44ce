package dev.attache.cli.attachments;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Draws a {@link ProgressModel} on a terminal, redrawing its lines in place a few times a second.
 * A finished file's line is taken away and its one-line result printed in its place, so what stays
 * on screen, and in the scrollback, is one line per file. Lines are fitted to the screen's size at
 * each redraw, so a resize changes the next frame. Thread-safe.
 */
final class TerminalProgress implements Progress {

    private static final String ERASE_TO_END = "\u001b[J";

    private final PrintStream terminal;
    private final ProgressModel model;
    private final Supplier<ScreenSize> screen;
    private final ScheduledExecutorService redraws;
    private List<String> drawn = List.of();
    private boolean stopped;

    private TerminalProgress(PrintStream terminal, ProgressModel model, Supplier<ScreenSize> screen,
            ScheduledExecutorService redraws) {
        this.terminal = terminal;
        this.model = model;
        this.screen = screen;
        this.redraws = redraws;
    }

    /** Draws {@code model} on {@code terminal}, redrawing every 200 ms until closed. */
    static TerminalProgress start(PrintStream terminal, ProgressModel model, Supplier<ScreenSize> screen) {
        ScheduledExecutorService redraws = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attache-progress");
            t.setDaemon(true);
            return t;
        });
        TerminalProgress progress = new TerminalProgress(terminal, model, screen, redraws);
        redraws.scheduleAtFixedRate(progress::redraw, 200, 200, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** For tests: draws only when told to. */
    static TerminalProgress manual(PrintStream terminal, ProgressModel model, Supplier<ScreenSize> screen) {
        ScheduledExecutorService none = Executors.newSingleThreadScheduledExecutor();
        return new TerminalProgress(terminal, model, screen, none);
    }

    @Override
    public FileProgress file(String name, long size, long alreadyHave) {
        return FileProgress.counted(model, model.start(name, size, alreadyHave), this::redraw);
    }

    @Override
    public synchronized void printAbove(Runnable print) {
        erase();
        print.run();
        draw();
    }

    synchronized void redraw() {
        erase();
        draw();
    }

    @Override
    public synchronized void stop() {
        redraws.shutdownNow();
        erase();
        stopped = true;
    }

    @Override
    public ProgressModel.Tally tally() {
        return model.tally();
    }

    @Override
    public synchronized void close() {
        stop();
    }

    /**
     * Moves the cursor back to the first bar's line and clears from there down. The lines drawn are
     * counted in rows of the screen's current width: after a resize that narrowed it, a line the
     * terminal reflowed takes more than one.
     */
    private void erase() {
        if (drawn.isEmpty()) {
            return;
        }
        int columns = screen.get().columns();
        int rows = 0;
        for (String line : drawn) {
            rows += Math.max(1, (TextWidth.of(line) + columns - 1) / columns);
        }
        terminal.print("\r\u001b[" + rows + "A" + ERASE_TO_END);
        terminal.flush();
        drawn = List.of();
    }

    private void draw() {
        if (stopped) {
            return;
        }
        List<String> lines = model.lines(screen.get());
        StringBuilder frame = new StringBuilder();
        for (String line : lines) {
            frame.append(line).append('\n');
        }
        terminal.print(frame);
        terminal.flush();
        drawn = lines;
    }
}
