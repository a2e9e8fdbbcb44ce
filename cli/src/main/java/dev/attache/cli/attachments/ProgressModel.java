package dev.attache.cli.attachments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the progress lines say, apart from drawing them: a line per file in flight and a total
 * that is the sum of the same numbers, so the two never disagree. Sizes are in the units
 * {@code attache ls} uses; speed counts only bytes moved by this run, so a resumed file's bytes
 * already on disk do not look like speed. Thread-safe; time comes from {@code nanoTime}.
 */
final class ProgressModel {

    private static final long SECOND = 1_000_000_000L;
    private static final int NAME_WIDTH = 24;
    private static final int BAR_WIDTH = 20;
    /** Below this, a second's worth of bytes says nothing about the speed; a tiny file shows none. */
    private static final long SPEED_SAMPLE = 64 * 1024;

    private final LongSupplier nanoTime;
    private final long started;
    private final int plannedFiles;
    private long plannedBytes;
    private final Map<Integer, Line> active = new LinkedHashMap<>();
    private int nextId;
    private int finishedFiles;
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

    private static final class Line {
        final String name;
        final long size;
        final long initial;
        final long startedAt;
        long bytes;

        Line(String name, long size, long initial, long startedAt) {
            this.name = name;
            this.size = size;
            this.initial = initial;
            this.startedAt = startedAt;
            this.bytes = initial;
        }
    }

    synchronized int start(String name, long size, long alreadyHave) {
        int id = nextId++;
        active.put(id, new Line(name, size, Math.max(alreadyHave, 0), nanoTime.getAsLong()));
        return id;
    }

    synchronized void update(int id, long bytes) {
        Line line = active.get(id);
        if (line != null) {
            line.bytes = bytes;
        }
    }

    /** Removes a file's line; a failed file leaves the total, so the total can still reach 100 %. */
    synchronized void finish(int id, boolean succeeded) {
        Line line = active.remove(id);
        if (line == null) {
            return;
        }
        long size = line.size >= 0 ? line.size : line.bytes;
        if (succeeded) {
            finishedFiles++;
            finishedBytes += size;
            finishedMoved += Math.max(0, size - line.initial);
        } else {
            plannedBytes -= Math.max(size, 0);
        }
    }

    /** The lines a terminal shows now: none when nothing is in flight. */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (active.isEmpty()) {
            return lines;
        }
        long now = nanoTime.getAsLong();
        for (Line line : active.values()) {
            lines.add(render(fit(line.name), line.bytes, line.size, line.bytes - line.initial, now - line.startedAt));
        }
        if (plannedFiles > 1) {
            long done = finishedBytes;
            long moved = finishedMoved;
            for (Line line : active.values()) {
                done += line.bytes;
                moved += line.bytes - line.initial;
            }
            String label = "Total " + finishedFiles + "/" + plannedFiles + " files";
            lines.add(render(fit(label), done, plannedBytes, moved, now - started));
        }
        return lines;
    }

    private static String render(String label, long bytes, long size, long moved, long elapsedNanos) {
        StringBuilder s = new StringBuilder(label).append(' ');
        if (size > 0) {
            int percent = (int) Math.min(100, bytes * 100 / size);
            int filled = percent * BAR_WIDTH / 100;
            s.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", percent));
        }
        s.append(AttachmentTable.readableSize(bytes));
        if (size >= 0) {
            s.append(" / ").append(AttachmentTable.readableSize(size));
        }
        double seconds = (double) elapsedNanos / SECOND;
        if (seconds >= 1 && moved >= SPEED_SAMPLE) {
            double perSecond = moved / seconds;
            s.append("  ").append(AttachmentTable.readableSize((long) perSecond)).append("/s");
            s.append("  elapsed ").append(clock((long) seconds));
            if (size > 0 && bytes < size) {
                s.append("  left ").append(clock((long) Math.ceil((size - bytes) / perSecond)));
            }
        } else {
            s.append("  elapsed ").append(clock((long) seconds));
        }
        return s.toString();
    }

    private static String fit(String name) {
        String cut = name.length() > NAME_WIDTH ? name.substring(0, NAME_WIDTH - 1) + "…" : name;
        return String.format("%-" + NAME_WIDTH + "s", cut);
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
