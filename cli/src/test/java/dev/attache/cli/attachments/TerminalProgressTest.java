package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1024 * 1024;

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream written = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** Hands what was written since the last call to {@code terminal}. */
    private void show(VirtualTerminal terminal) {
        terminal.write(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
    }

    /**
     * Uploads {@code files} as the client does: all of them handed over at once, at most 15 moving,
     * each finishing with a result line; checks the screen after every frame.
     */
    private VirtualTerminal batch(int columns, int rows, int files, List<String> names) {
        VirtualTerminal terminal = new VirtualTerminal(columns, rows);
        ProgressModel model = new ProgressModel(files, files * 2 * MIB, now::get);
        TerminalProgress progress = TerminalProgress.manual(written, model, terminal::size);
        List<Progress.FileProgress> lines = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            lines.add(progress.file(names.get(i % names.size()) + i + ".bin", 2 * MIB, 0));
        }
        int next = 0;
        List<Integer> moving = new ArrayList<>();
        while (next < files || !moving.isEmpty()) {
            while (moving.size() < 15 && next < files) {
                lines.get(next).onProgress(0, 2 * MIB);
                moving.add(next++);
            }
            now.addAndGet(SECOND / 2);
            for (int i = 0; i < moving.size(); i++) {
                lines.get(moving.get(i)).onProgress((i + 1) * 2 * MIB / 16, 2 * MIB);
            }
            progress.redraw();
            show(terminal);
            assertThat(terminal.screen()).as("the bars fit in the rows").hasSizeLessThan(rows);
            int done = moving.remove(0);
            lines.get(done).onProgress(2 * MIB, 2 * MIB);
            lines.get(done).finish(true);
            progress.printAbove(() -> written.print("Uploaded " + done + " as " + (1000 + done) + "\n"));
        }
        progress.close();
        show(terminal);
        return terminal;
    }

    @Test
    void aHundredFilesAtEightyByTwentyFourLeaveOnlyTheirResultLinesAndNeverWrap() {
        VirtualTerminal terminal = batch(80, 24, 100, List.of("holiday-photo-from-the-beach-at-sunset-"));

        assertThat(terminal.wraps()).isZero();
        assertThat(terminal.everything()).hasSize(100).allMatch(l -> l.startsWith("Uploaded "));
    }

    @Test
    void aHundredFilesInFortyColumnsNeverWrapEvenWithWideCharacters() {
        VirtualTerminal terminal = batch(40, 24, 100, List.of("報告書-最終版-", "a-rather-long-file-name-"));

        assertThat(terminal.wraps()).isZero();
        assertThat(terminal.everything()).hasSize(100).allMatch(l -> l.startsWith("Uploaded "));
    }

    @Test
    void aShortTerminalShowsNoMoreBarsThanItHasRows() {
        batch(80, 6, 100, List.of("f"));
    }

    @Test
    void midBatchTheScreenShowsTheFilesInFlightOneQueueLineAndTheTotal() {
        VirtualTerminal terminal = new VirtualTerminal(80, 24);
        ProgressModel model = new ProgressModel(100, 100 * MIB, now::get);
        TerminalProgress progress = TerminalProgress.manual(written, model, terminal::size);
        List<Progress.FileProgress> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(progress.file("f" + i + ".bin", MIB, 0));
        }
        for (int i = 0; i < 15; i++) {
            lines.get(i).onProgress(MIB / 4, MIB);
        }
        progress.redraw();
        show(terminal);

        List<String> screen = terminal.screen();
        assertThat(screen).hasSize(17);
        assertThat(screen.subList(0, 15)).allMatch(l -> l.startsWith("f") && l.contains(" 25% "));
        assertThat(screen.get(15)).isEqualTo("… 85 queued");
        assertThat(screen.get(16)).startsWith("Total 0/100 files");
        assertThat(screen).allMatch(l -> TextWidth.of(l) < 80);
    }

    @Test
    void afterAStopTheBarsAreGoneAndResultsStillPrint() {
        VirtualTerminal terminal = new VirtualTerminal(80, 24);
        ProgressModel model = new ProgressModel(3, 3 * MIB, now::get);
        TerminalProgress progress = TerminalProgress.manual(written, model, terminal::size);
        Progress.FileProgress a = progress.file("a.bin", MIB, 0);
        Progress.FileProgress b = progress.file("b.bin", MIB, 0);
        a.onProgress(MIB, MIB);
        b.onProgress(MIB / 2, MIB);
        progress.redraw();

        progress.stop();
        a.finish(true);
        progress.printAbove(() -> written.print("Uploaded a.bin as 1\n"));
        progress.redraw();
        show(terminal);

        assertThat(terminal.everything()).containsExactly("Uploaded a.bin as 1");
        assertThat(progress.tally()).isEqualTo(new ProgressModel.Tally(1, 0, 1, 1));
    }

    @Test
    void aNarrowedScreenIsErasedByTheRowsItsReflowedLinesTake() {
        AtomicReference<ScreenSize> size = new AtomicReference<>(new ScreenSize(80, 24));
        ProgressModel model = new ProgressModel(1, MIB, now::get);
        TerminalProgress progress = TerminalProgress.manual(written, model, size::get);
        progress.file("a-long-enough-name.bin", MIB, 0).onProgress(MIB / 2, MIB);
        progress.redraw();
        int drawnWidth = TextWidth.of(bytes.toString(StandardCharsets.UTF_8).strip());
        bytes.reset();

        size.set(new ScreenSize(40, 24));
        progress.redraw();

        int rowsNow = (drawnWidth + 39) / 40;
        assertThat(rowsNow).isGreaterThan(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\r\u001b[" + rowsNow + "A\u001b[J");
    }

    @Test
    void thirtyFinishedFilesLeaveThirtyResultLinesAndNoBars() {
        VirtualTerminal terminal = new VirtualTerminal(80, 24);
        ProgressModel model = new ProgressModel(30, 30 * 1000, now::get);
        TerminalProgress progress = TerminalProgress.manual(written, model, terminal::size);
        for (int i = 1; i <= 30; i++) {
            Progress.FileProgress file = progress.file("f" + i + ".bin", 1000, 0);
            file.onProgress(500, 1000);
            progress.redraw();
            file.onProgress(1000, 1000);
            file.finish(true);
            int n = i;
            progress.printAbove(() -> written.print("Uploaded f" + n + ".bin as " + n + "\n"));
        }
        progress.close();
        show(terminal);

        assertThat(terminal.everything()).hasSize(30).allMatch(l -> l.startsWith("Uploaded f"));
    }

    @Test
    void whileFilesAreInFlightTheScreenShowsTheirLinesBelowTheResults() {
        VirtualTerminal terminal = new VirtualTerminal(80, 24);
        ProgressModel model = new ProgressModel(2, 2000, now::get);
        TerminalProgress progress = TerminalProgress.manual(written, model, terminal::size);
        Progress.FileProgress a = progress.file("a.bin", 1000, 0);
        Progress.FileProgress b = progress.file("b.bin", 1000, 0);
        a.onProgress(1000, 1000);
        b.onProgress(250, 1000);
        a.finish(true);
        progress.printAbove(() -> written.print("Uploaded a.bin as 1\n"));
        show(terminal);

        List<String> shown = terminal.screen();

        assertThat(shown).hasSize(3);
        assertThat(shown.get(0)).isEqualTo("Uploaded a.bin as 1");
        assertThat(shown.get(1)).startsWith("b.bin").contains(" 25% 250 B / 1000 B");
        assertThat(shown.get(2)).startsWith("Total 1/2 files").contains(" 62% 1.2 KiB / 2.0 KiB");
    }
}
