package dev.attache.cli.attachments;

import java.io.Console;
import java.util.Optional;
import java.util.function.Supplier;

import org.jline.nativ.CLibrary;

/**
 * Reads a line from the terminal on standard input with its echo off, so a token typed or pasted
 * never shows on the screen or in a terminal recording. Echo is switched off on standard input
 * itself ({@code tcsetattr} through JLine's native library), so it works also when standard output
 * is redirected, and switched back on when the line is read or the process is interrupted.
 */
final class NoEcho {

    private static final int STANDARD_INPUT = 0;
    /** The {@code ECHO} bit of {@code c_lflag}; the same value on Linux, macOS and the BSDs. */
    private static final long ECHO = 0x8;

    private NoEcho() {
    }

    /**
     * Prints {@code prompt} on standard error and reads a line with echo off.
     *
     * @param prompt   the question
     * @param readLine reads one line from standard input
     * @return the line, or empty at end of input
     * @throws UsageException when echo cannot be switched off
     */
    static Optional<String> readLine(String prompt, Supplier<Optional<String>> readLine) {
        CLibrary.Termios saved = new CLibrary.Termios();
        try {
            if (CLibrary.tcgetattr(STANDARD_INPUT, saved) != 0) {
                return fromConsole(prompt);
            }
        } catch (LinkageError e) {
            return fromConsole(prompt);
        }
        CLibrary.Termios quiet = copy(saved);
        quiet.c_lflag &= ~ECHO;
        // Ctrl-C during the question ends the process through the shutdown hooks; the terminal gets its echo back there.
        Thread restore = new Thread(() -> CLibrary.tcsetattr(STANDARD_INPUT, CLibrary.TCSANOW, saved), "attache-restore-echo");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            if (CLibrary.tcsetattr(STANDARD_INPUT, CLibrary.TCSANOW, quiet) != 0) {
                throw new UsageException("cannot turn off the terminal's echo to ask for the token; pass --token-file FILE");
            }
            System.err.print(prompt);
            System.err.flush();
            return readLine.get();
        } finally {
            CLibrary.tcsetattr(STANDARD_INPUT, CLibrary.TCSANOW, saved);
            System.err.println();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway and restores the same settings.
            }
        }
    }

    /** Where JLine's native library does not load (Windows), the JDK's console, which also reads without echo. */
    private static Optional<String> fromConsole(String prompt) {
        Console console = System.console();
        if (console == null) {
            throw new UsageException("cannot turn off the terminal's echo to ask for the token; pass --token-file FILE");
        }
        char[] secret = console.readPassword("%s", prompt);
        return secret == null ? Optional.empty() : Optional.of(new String(secret));
    }

    private static CLibrary.Termios copy(CLibrary.Termios t) {
        CLibrary.Termios c = new CLibrary.Termios();
        c.c_iflag = t.c_iflag;
        c.c_oflag = t.c_oflag;
        c.c_cflag = t.c_cflag;
        c.c_lflag = t.c_lflag;
        c.c_cc = t.c_cc == null ? null : t.c_cc.clone();
        c.c_ispeed = t.c_ispeed;
        c.c_ospeed = t.c_ospeed;
        return c;
    }
}
