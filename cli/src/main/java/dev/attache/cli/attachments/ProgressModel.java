package dev.attache.cli.attachments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the progress lines say, apart from drawing them: a line per file in flight, one line for the
 * files still queued, and a total that is the sum of the same numbers, so the lines never disagree.
 * A file is queued from {@link #start} until its first bytes move ({@link #update}), so files waiting
 * for one of the client's slots get no line of their own. Lines fit the screen they are drawn on:
 * never wider than its columns, never more of them than its rows. Sizes are in the units
 * {@code attache ls} uses; speed counts only bytes moved by this run, so a resumed file's bytes
 * already on disk do not look like speed. Thread-safe; time comes from {@code nanoTime}.
 */
final class ProgressModel {

    private static final long SECOND = 1_000_000_000L;
    private static final int NAME_WIDTH = 24;
    /** A name is never cut shorter than this to make room for numbers; the numbers give way first. */
    private static final int MIN_NAME_WIDTH = 8;
    /** Below this, a second's worth of bytes says nothing about the speed; a tiny file shows none. */
    private static final long SPEED_SAMPLE = 64 * 1024;

    private final LongSupplier nanoTime;
    private final long started;
    private final int plannedFiles;
    private long plannedBytes;
    private final Map<Integer, Line> lines = new LinkedHashMap<>();
    private int nextId;
    private int finishedFiles;
    private int failedFiles;
    private long finishedBytes;
    private long finishedMoved;

    /**
     * @param files    how many files the batch will transfer
     * @param bytes    the sum of their sizes
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     */
    ProgressModel(int files, long bytes, LongSupplier nanoTime) {
        this.plannedFiles = files;
        this.plannedBytes = bytes;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /**
     * How far a batch got, for the summary of an interrupted one.
     *
     * @param finished   files whose transfer succeeded
     * @param failed     files whose transfer failed
     * @param inFlight   files whose bytes were moving
     * @param notStarted files that had not begun
     */
    record Tally(int finished, int failed, int inFlight, int notStarted) {

        /** For example {@code 12 uploaded, 1 interrupted, 86 not started}. */
        String describe(String doneVerb) {
            StringBuilder s = new StringBuilder().append(finished).append(' ').append(doneVerb);
            if (failed > 0) {
                s.append(", ").append(failed).append(" failed");
            }
            return s.append(", ").append(inFlight).append(" interrupted, ")
                    .append(notStarted).append(" not started").toString();
        }
    }

    private static final class Line {
        final String name;
        final long size;
        final long initial;
        boolean moving;
        long startedAt;
        long bytes;

        Line(String name, long size, long initial) {
            this.name = name;
            this.size = size;
            this.initial = initial;
            this.bytes = initial;
        }
    }

    /** Adds a file to the queue; it gets a line once its bytes move. */
    synchronized int start(String name, long size, long alreadyHave) {
        int id = nextId++;
        lines.put(id, new Line(name, size, Math.max(alreadyHave, 0)));
        return id;
    }

    synchronized void update(int id, long bytes) {
        Line line = lines.get(id);
        if (line != null) {
            if (!line.moving) {
                line.moving = true;
                line.startedAt = nanoTime.getAsLong();
            }
            line.bytes = bytes;
        }
    }

    /** Removes a file's line; a failed file leaves the total, so the total can still reach 100 %. */
    synchronized void finish(int id, boolean succeeded) {
        Line line = lines.remove(id);
        if (line == null) {
            return;
        }
        long size = line.size >= 0 ? line.size : line.bytes;
        if (succeeded) {
            finishedFiles++;
            finishedBytes += size;
            finishedMoved += Math.max(0, size - line.initial);
        } else {
            failedFiles++;
            plannedBytes -= Math.max(size, 0);
        }
    }

    /** How far the batch got. */
    synchronized Tally tally() {
        int moving = (int) lines.values().stream().filter(l -> l.moving).count();
        int notStarted = Math.max(0, plannedFiles - finishedFiles - failedFiles - moving);
        return new Tally(finishedFiles, failedFiles, moving, notStarted);
    }

    /** The lines with nothing cut or left out. */
    List<String> lines() {
        return lines(ScreenSize.UNBOUNDED);
    }

    /**
     * The lines a terminal of {@code screen}'s size shows now: none when nothing is in flight. Each is
     * narrower than the screen, so the cursor never wraps, and there are fewer of them than its rows,
     * so none scrolls out of reach of the redraw.
     */
    synchronized List<String> lines(ScreenSize screen) {
        List<String> shown = new ArrayList<>();
        List<Line> moving = lines.values().stream().filter(l -> l.moving).toList();
        if (moving.isEmpty()) {
            return shown;
        }
        int width = screen.columns() - 1;
        int budget = Math.max(1, screen.rows() - 1);
        boolean total = plannedFiles > 1;
        int queued = Math.max(0, plannedFiles - finishedFiles - failedFiles - moving.size());
        int room = budget - (total ? 1 : 0);
        boolean queueLine = room > 0 && (queued > 0 || moving.size() > room);
        int fileLines = Math.max(0, Math.min(moving.size(), queueLine ? room - 1 : room));
        long now = nanoTime.getAsLong();
        for (Line line : moving.subList(0, fileLines)) {
            shown.add(render(line.name, line.bytes, line.size, line.bytes - line.initial, now - line.startedAt, width));
        }
        if (queueLine) {
            int hidden = moving.size() - fileLines;
            String more = hidden > 0 ? hidden + " more in flight" : "";
            String queue = queued > 0 ? queued + " queued" : "";
            String joined = more.isEmpty() ? queue : queue.isEmpty() ? more : more + ", " + queue;
            shown.add(TextWidth.cut("… " + joined, width));
        }
        if (total) {
            long done = finishedBytes;
            long moved = finishedMoved;
            for (Line line : moving) {
                done += line.bytes;
                moved += line.bytes - line.initial;
            }
            String label = "Total " + finishedFiles + "/" + plannedFiles + " files";
            shown.add(render(label, done, plannedBytes, moved, now - started, width));
        }
        return shown.size() > budget ? shown.subList(shown.size() - budget, shown.size()) : shown;
    }

    /**
     * One line no wider than {@code width}: the name, then as many of the numbers as fit, dropping
     * first the bar's width, then the elapsed time, then the speed and time left, then the size.
     */
    private static String render(String name, long bytes, long size, long moved, long elapsedNanos, int width) {
        double seconds = (double) elapsedNanos / SECOND;
        boolean hasSpeed = seconds >= 1 && moved >= SPEED_SAMPLE;
        double perSecond = hasSpeed ? moved / seconds : 0;
        String percent = size > 0
                ? String.format(Locale.ROOT, "%3d%%", (int) Math.min(100, bytes * 100 / size)) : "";
        String amount = AttachmentTable.readableSize(bytes) + (size >= 0 ? " / " + AttachmentTable.readableSize(size) : "");
        String speed = hasSpeed ? AttachmentTable.readableSize((long) perSecond) + "/s" : "";
        String elapsed = "elapsed " + clock((long) seconds);
        String left = hasSpeed && size > 0 && bytes < size
                ? "left " + clock((long) Math.ceil((size - bytes) / perSecond)) : "";
        String[] choices = {
            join(bar(bytes, size, 20), percent, amount, speed, elapsed, left),
            join(bar(bytes, size, 10), percent, amount, speed, elapsed, left),
            join("", percent, amount, speed, left),
            join("", percent, amount, left),
            join("", percent, amount),
            join("", percent, AttachmentTable.readableSize(bytes)),
            size > 0 ? percent.strip() : AttachmentTable.readableSize(bytes),
        };
        int nameCells = TextWidth.of(name);
        for (String numbers : choices) {
            int room = width - 1 - TextWidth.of(numbers);
            if (room >= Math.min(MIN_NAME_WIDTH, nameCells)) {
                return TextWidth.fit(name, Math.min(NAME_WIDTH, Math.max(room, 0))) + " " + numbers;
            }
        }
        return TextWidth.cut(name, width);
    }

    /** The bar and its percentage as one piece, with the percentage's own spacing. */
    private static String bar(long bytes, long size, int cells) {
        if (size <= 0) {
            return "";
        }
        int filled = (int) (Math.min(100, bytes * 100 / size) * cells / 100);
        return "[" + "#".repeat(filled) + " ".repeat(cells - filled) + "]";
    }

    /** The bar and percent apart by one space, the rest by two, empty pieces left out. */
    private static String join(String bar, String percent, String amount, String... rest) {
        StringBuilder s = new StringBuilder();
        if (!bar.isEmpty()) {
            s.append(bar).append(' ');
        }
        if (!percent.isEmpty()) {
            s.append(percent).append(' ');
        }
        s.append(amount);
        for (String piece : rest) {
            if (!piece.isEmpty()) {
                s.append("  ").append(piece);
            }
        }
        return s.toString();
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
