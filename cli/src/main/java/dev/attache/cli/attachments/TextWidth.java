package dev.attache.cli.attachments;

import org.jline.utils.WCWidth;

/**
 * How many terminal cells text takes: a CJK character or an emoji takes two, a combining accent
 * none. {@link String#length()} counts UTF-16 units, which is neither. Widths come from JLine's
 * {@link WCWidth}, the same table terminals use.
 */
public final class TextWidth {

    private static final String ELLIPSIS = "…";

    private TextWidth() {
    }

    /**
     * The cells {@code text} takes; control characters take none.
     *
     * @param text any text
     * @return its width on screen
     */
    public static int of(String text) {
        int cells = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            cells += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return cells;
    }

    /** {@code text}, cut to at most {@code cells} cells with a trailing {@code …} when it was longer. */
    static String cut(String text, int cells) {
        if (cells <= 0) {
            return "";
        }
        if (of(text) <= cells) {
            return text;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > cells - 1) {
                break;
            }
            kept.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return kept.append(ELLIPSIS).toString();
    }

    /**
     * {@code text} cut to {@code cells} and padded with spaces to exactly that many cells.
     *
     * @param text  any text
     * @param cells the width to fill
     * @return text exactly {@code cells} wide on screen
     */
    public static String fit(String text, int cells) {
        String cut = cut(text, cells);
        return cut + " ".repeat(Math.max(0, cells - of(cut)));
    }
}
