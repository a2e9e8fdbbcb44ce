package dev.attache.cli.attachments;

/**
 * A terminal's size in cells.
 *
 * @param columns cells per line
 * @param rows    lines on screen
 */
record ScreenSize(int columns, int rows) {

    /** What a terminal that does not say its size is taken to be: the VT100's. */
    static final ScreenSize FALLBACK = new ScreenSize(80, 24);

    /** So large that nothing is cut or left out, for looking at the lines themselves. */
    static final ScreenSize UNBOUNDED = new ScreenSize(10_000, 10_000);

    ScreenSize {
        if (columns <= 0 || rows <= 0) {
            columns = FALLBACK.columns;
            rows = FALLBACK.rows;
        }
    }
}
