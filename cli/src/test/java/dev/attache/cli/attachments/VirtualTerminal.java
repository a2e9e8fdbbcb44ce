package dev.attache.cli.attachments;

import java.util.ArrayList;
import java.util.List;

/**
 * A terminal of a fixed size that reads what the progress writes, as a VT100 would: printable text
 * (wide characters take two cells, and text reaching the right edge wraps onto the next line), CR,
 * LF (which scrolls the top line into the scrollback at the bottom row), cursor up ({@code ESC[nA},
 * stopping at the top row) and erase below ({@code ESC[J}). It counts every wrap, so a test sees a
 * line that was too long even after it has been erased.
 */
final class VirtualTerminal {

    private final int columns;
    private final int rows;
    private final List<String> scrollback = new ArrayList<>();
    private final List<StringBuilder> screen = new ArrayList<>();
    private int row;
    private int column;
    private int wraps;
    private int mostRowsUsed;

    VirtualTerminal(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        for (int i = 0; i < rows; i++) {
            screen.add(new StringBuilder());
        }
    }

    ScreenSize size() {
        return new ScreenSize(columns, rows);
    }

    void write(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\u001b') {
                int end = i + 1;
                while (!Character.isLetter(text.charAt(end))) {
                    end++;
                }
                String arg = text.substring(i + 1, end);
                char command = text.charAt(end);
                if (command == 'A') {
                    row = Math.max(0, row - Integer.parseInt(arg));
                } else if (command == 'J') {
                    screen.get(row).setLength(0);
                    for (int r = row + 1; r < rows; r++) {
                        screen.get(r).setLength(0);
                    }
                } else {
                    throw new IllegalArgumentException("unexpected escape " + arg + command);
                }
                i = end + 1;
            } else if (cp == '\r') {
                column = 0;
            } else if (cp == '\n') {
                lineFeed();
            } else {
                int width = TextWidth.of(new String(Character.toChars(cp)));
                if (column + width > columns) {
                    wraps++;
                    lineFeed();
                }
                screen.get(row).appendCodePoint(cp);
                column += width;
            }
        }
    }

    private void lineFeed() {
        column = 0;
        if (row == rows - 1) {
            scrollback.add(screen.remove(0).toString());
            screen.add(new StringBuilder());
        } else {
            row++;
        }
        mostRowsUsed = Math.max(mostRowsUsed, row);
    }

    /** Lines that scrolled off the top. */
    List<String> scrollback() {
        return scrollback.stream().filter(l -> !l.isEmpty()).toList();
    }

    /** The screen's non-empty lines, top to bottom. */
    List<String> screen() {
        return screen.stream().map(StringBuilder::toString).filter(l -> !l.isEmpty()).toList();
    }

    /** Scrollback and screen together: everything the person can still read. */
    List<String> everything() {
        List<String> all = new ArrayList<>(scrollback());
        all.addAll(screen());
        return all;
    }

    /** How often text ran into the right edge and wrapped. */
    int wraps() {
        return wraps;
    }
}
