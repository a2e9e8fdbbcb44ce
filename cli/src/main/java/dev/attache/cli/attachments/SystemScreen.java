package dev.attache.cli.attachments;

import java.io.IOException;
import java.util.function.Supplier;

import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;

/**
 * The size of the terminal standard error writes to, read through JLine and read again whenever the
 * terminal sends {@code SIGWINCH} (a resize), so a redraw never has to ask it. Native signal handling
 * of JLine's terminal stays off: it would reset {@code SIGINT} to the operating system's default,
 * which kills the process without running the shutdown hook that prints what an interrupted batch
 * finished.
 */
final class SystemScreen implements Supplier<ScreenSize> {

    private final org.jline.terminal.Terminal terminal;
    private volatile ScreenSize size;

    private SystemScreen(org.jline.terminal.Terminal terminal) {
        this.terminal = terminal;
        this.size = read();
        Signals.register("WINCH", () -> size = read());
    }

    /** The screen of standard error, or a fixed 80×24 when JLine cannot reach a terminal. */
    static Supplier<ScreenSize> open() {
        try {
            org.jline.terminal.Terminal terminal = TerminalBuilder.builder()
                    .system(true)
                    .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .nativeSignals(false)
                    .dumb(true)
                    .build();
            return new SystemScreen(terminal);
        } catch (IOException | RuntimeException e) {
            return () -> ScreenSize.FALLBACK;
        }
    }

    private ScreenSize read() {
        Size s = terminal.getSize();
        return new ScreenSize(s.getColumns(), s.getRows());
    }

    @Override
    public ScreenSize get() {
        return size;
    }
}
