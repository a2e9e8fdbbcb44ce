package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream screen = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void thirtyFinishedFilesLeaveThirtyResultLinesAndNoBars() {
        ProgressModel model = new ProgressModel(30, 30 * 1000, now::get);
        TerminalProgress progress = TerminalProgress.manual(screen, model);
        for (int i = 1; i <= 30; i++) {
            Progress.FileProgress file = progress.file("f" + i + ".bin", 1000, 0);
            file.onProgress(500, 1000);
            progress.redraw();
            file.onProgress(1000, 1000);
            file.finish(true);
            int n = i;
            progress.printAbove(() -> screen.print("Uploaded f" + n + ".bin as " + n + "\n"));
        }
        progress.close();

        List<String> shown = Screen.of(bytes.toString(StandardCharsets.UTF_8));
        assertThat(shown).hasSize(30).allMatch(l -> l.startsWith("Uploaded f"));
    }

    @Test
    void whileFilesAreInFlightTheScreenShowsTheirLinesBelowTheResults() {
        ProgressModel model = new ProgressModel(2, 2000, now::get);
        TerminalProgress progress = TerminalProgress.manual(screen, model);
        Progress.FileProgress a = progress.file("a.bin", 1000, 0);
        Progress.FileProgress b = progress.file("b.bin", 1000, 0);
        a.onProgress(1000, 1000);
        b.onProgress(250, 1000);
        a.finish(true);
        progress.printAbove(() -> screen.print("Uploaded a.bin as 1\n"));

        List<String> shown = Screen.of(bytes.toString(StandardCharsets.UTF_8));

        assertThat(shown).hasSize(3);
        assertThat(shown.get(0)).isEqualTo("Uploaded a.bin as 1");
        assertThat(shown.get(1)).startsWith("b.bin").contains(" 25% 250 B / 1000 B");
        assertThat(shown.get(2)).startsWith("Total 1/2 files").contains(" 62% 1.2 KiB / 2.0 KiB");
    }

    /** The lines a terminal shows after the escape sequences the progress writes: cursor up, erase below. */
    private static final class Screen {

        static List<String> of(String written) {
            List<String> lines = new ArrayList<>();
            lines.add("");
            int row = 0;
            for (int i = 0; i < written.length(); i++) {
                char c = written.charAt(i);
                if (c == '\u001b') {
                    int end = i + 2;
                    while (!Character.isLetter(written.charAt(end))) {
                        end++;
                    }
                    String arg = written.substring(i + 2, end);
                    if (written.charAt(end) == 'A') {
                        row = Math.max(0, row - Integer.parseInt(arg));
                    } else if (written.charAt(end) == 'J') {
                        lines.subList(row + 1, lines.size()).clear();
                        lines.set(row, "");
                    }
                    i = end;
                } else if (c == '\r') {
                    lines.set(row, "");
                } else if (c == '\n') {
                    row++;
                    if (row == lines.size()) {
                        lines.add("");
                    }
                } else {
                    lines.set(row, lines.get(row) + c);
                }
            }
            return lines.stream().filter(l -> !l.isEmpty()).toList();
        }
    }
}
