package dev.attache.cli.attachments;

import java.util.function.Supplier;

import org.jline.nativ.CLibrary;
import org.jline.utils.Signals;

/**
 * The size of the terminal standard error writes to, asked of the terminal itself ({@code ioctl
 * TIOCGWINSZ} on file descriptor 2, through JLine's native library) and asked again whenever it sends
 * {@code SIGWINCH} (a resize), so a redraw never has to. JLine's {@code Terminal} is not used: it is
 * a terminal only when standard input is one too (so {@code … < /dev/null} got no size), its exec
 * provider parses {@code stty} output for seconds, and its signal handling would reset
 * {@code SIGINT} to the operating system's default, which kills the process without running the
 * shutdown hook that prints what an interrupted batch finished.
 */
final class SystemScreen implements Supplier<ScreenSize> {

    private static final int STANDARD_ERROR = 2;

    private volatile ScreenSize size;

    private SystemScreen() {
        this.size = read();
        Signals.register("WINCH", () -> size = read());
    }

    /** The screen of standard error, or a fixed 80×24 when its size cannot be read. */
    static Supplier<ScreenSize> open() {
        try {
            return new SystemScreen();
        } catch (RuntimeException | LinkageError e) {
            return () -> ScreenSize.FALLBACK;
        }
    }

    private static ScreenSize read() {
        CLibrary.WinSize ws = new CLibrary.WinSize();
        if (CLibrary.ioctl(STANDARD_ERROR, CLibrary.TIOCGWINSZ, ws) != 0) {
            return ScreenSize.FALLBACK;
        }
        return new ScreenSize(ws.ws_col, ws.ws_row);
    }

    @Override
    public ScreenSize get() {
        return size;
    }
}
