package dev.attache.cli.attachments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the client commands need to know about the process's terminal: whether a person can answer
 * a question, and whether progress bars would reach one.
 */
public interface Terminal {

    /**
     * Whether standard input is a terminal, so a question can be answered.
     *
     * @return true when interactive
     */
    boolean stdinIsTerminal();

    /**
     * Whether standard error is a terminal, so progress bars can be redrawn in place.
     *
     * @return true when interactive
     */
    boolean stderrIsTerminal();

    /**
     * Reads one answer from standard input.
     *
     * @return the line, or empty at end of input
     */
    Optional<String> readLine();

    /**
     * Standard input as bytes, for {@code upload -}; read as it is sent, never all at once.
     *
     * @return standard input
     */
    InputStream standardInput();

    /**
     * Asks for a secret on the terminal, {@code prompt} on standard error, and reads one line from
     * standard input without echoing it; used only when {@link #stdinIsTerminal()}.
     *
     * @param prompt what to ask, such as {@code Token for https://...: }
     * @return the line, or empty at end of input
     * @throws UsageException when echo cannot be turned off on this terminal
     */
    Optional<String> readSecret(String prompt);

    /**
     * Standard output as bytes, for {@code download -o -}.
     *
     * @return standard output
     */
    OutputStream standardOutput();

    /**
     * Where progress bars are drawn; used only when {@link #stderrIsTerminal()}.
     *
     * @return standard error
     */
    PrintStream progressStream();

    /**
     * The size of the terminal progress bars are drawn on, current at each call (it follows
     * resizes); used only when {@link #stderrIsTerminal()}.
     *
     * @return the screen's size, read cheaply at every call
     */
    Supplier<ScreenSize> screen();

    /**
     * The real process terminal. On Linux each stream is checked through {@code /proc/self/fd};
     * elsewhere {@link System#console()} stands for both.
     *
     * @return the terminal
     */
    static Terminal system() {
        return new Terminal() {
            private final BufferedReader in = new BufferedReader(
                    new InputStreamReader(System.in, Charset.defaultCharset()));

            @Override
            public boolean stdinIsTerminal() {
                return isTerminal(0);
            }

            @Override
            public boolean stderrIsTerminal() {
                return isTerminal(2);
            }

            @Override
            public Optional<String> readLine() {
                try {
                    return Optional.ofNullable(in.readLine());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public InputStream standardInput() {
                return System.in;
            }

            @Override
            public Optional<String> readSecret(String prompt) {
                return NoEcho.readLine(prompt, this::readLine);
            }

            @Override
            public OutputStream standardOutput() {
                return System.out;
            }

            @Override
            public PrintStream progressStream() {
                return System.err;
            }

            @Override
            public Supplier<ScreenSize> screen() {
                return SystemScreen.open();
            }
        };
    }

    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (!Files.exists(Path.of("/proc/self/fd"))) {
            return System.console() != null;
        }
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
