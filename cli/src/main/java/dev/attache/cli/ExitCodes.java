package dev.attache.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.attache.cli.attachments.CommandFailedException;
import dev.attache.cli.attachments.Failure;
import dev.attache.cli.attachments.Failures;
import dev.attache.cli.output.ExitCode;
import dev.attache.server.admin.AdminTargetNotFoundException;
import dev.attache.server.admin.DataDirBusyException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The exit codes of {@code attache} commands, and the handler that turns a failure into one line on
 * standard error and one of these codes; {@code --verbose} adds the request and the stack trace.
 * Picocli's own 0, 1 and 2 keep their meaning.
 */
final class ExitCodes implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    static final int OK = ExitCode.OK;
    static final int ERROR = ExitCode.ERROR;
    static final int USAGE = ExitCode.USAGE;
    static final int NOT_FOUND = ExitCode.NOT_FOUND;
    static final int NOT_AUTHORIZED = ExitCode.NOT_AUTHORIZED;
    static final int DAMAGE_FOUND = ExitCode.DAMAGE_FOUND;
    static final int SERVER_RUNNING = ExitCode.SERVER_RUNNING;
    static final int RATE_LIMITED = ExitCode.RATE_LIMITED;
    static final int NETWORK = ExitCode.NETWORK;
    static final int SOME_FAILED = ExitCode.SOME_FAILED;

    /** The codes a client command can exit with, as its help lists them. */
    static Map<String, String> clientDescriptions() {
        Map<String, String> codes = descriptions();
        codes.keySet().removeAll(Set.of(Integer.toString(DAMAGE_FOUND), Integer.toString(SERVER_RUNNING)));
        codes.put(Integer.toString(USAGE), "Invalid options or arguments, no token, or a file upload refused before "
                + "sending it (missing, a directory, unreadable, over 100 MB).");
        codes.put(Integer.toString(NOT_FOUND), "Not found (404): the attachment or the parent.");
        return codes;
    }

    /** The codes {@code attache login} can exit with, as its help lists them. */
    static Map<String, String> loginDescriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "Signed in: the server knows the token, and it is saved.");
        codes.put(Integer.toString(ERROR), "Failure, explained on standard error; nothing is saved.");
        codes.put(Integer.toString(USAGE), "Invalid options, no token given, or a --token-file or --ca-file that cannot be read.");
        codes.put(Integer.toString(NOT_AUTHORIZED), "The server refused the token (401); nothing is saved.");
        codes.put(Integer.toString(NETWORK), "The server could not be reached; nothing is saved.");
        return codes;
    }

    /** The codes an admin command can exit with, as its help lists them. */
    static Map<String, String> adminDescriptions() {
        Map<String, String> codes = descriptions();
        codes.keySet().removeAll(Set.of(Integer.toString(NOT_AUTHORIZED), Integer.toString(RATE_LIMITED),
                Integer.toString(NETWORK), Integer.toString(SOME_FAILED)));
        return codes;
    }

    /** Each code with its meaning. */
    static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "Success.");
        codes.put(Integer.toString(ERROR), "Failure, explained on standard error.");
        codes.put(Integer.toString(USAGE), "Invalid options or arguments, or no token.");
        codes.put(Integer.toString(NOT_FOUND), "A named workspace, user, project, token or the data directory does not exist.");
        codes.put(Integer.toString(NOT_AUTHORIZED), "The token was refused (401) or lacks access (403).");
        codes.put(Integer.toString(DAMAGE_FOUND), "scrub found damaged attachments.");
        codes.put(Integer.toString(SERVER_RUNNING), "gc refused: a server is running on the data directory.");
        codes.put(Integer.toString(RATE_LIMITED), "Rate limited (429) after the client's retries.");
        codes.put(Integer.toString(NETWORK), "The server could not be reached or the connection failed.");
        codes.put(Integer.toString(SOME_FAILED), "Of several files or gids, some failed (each has its own line).");
        return codes;
    }

    /** Lists the exit codes in the help of a command and all its subcommands. */
    static void document(CommandLine command) {
        document(command, adminDescriptions());
    }

    /** Lists {@code codes} in the help of a command and all its subcommands. */
    static void document(CommandLine command, Map<String, String> codes) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        command.getSubcommands().values().forEach(c -> document(c, codes));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Failure failure = explain(ex);
        PrintWriter err = commandLine.getErr();
        if (verbose(parseResult)) {
            Throwable cause = failure.cause();
            if (cause.getMessage() != null && !cause.getMessage().equals(failure.message())) {
                err.println("attache: " + cause.getMessage());
            }
            err.println("attache: " + failure.message());
            cause.printStackTrace(err);
        } else {
            err.println("attache: " + failure.message());
        }
        err.flush();
        return failure.exitCode();
    }

    @Override
    public int getExitCode(Throwable failure) {
        return explain(failure).exitCode();
    }

    private static Failure explain(Throwable thrown) {
        Throwable t = Failures.unwrapped(thrown);
        if (t instanceof CommandFailedException failed) {
            return failed.failure();
        }
        if (t instanceof ParameterException) {
            return new Failure(USAGE, t.getMessage(), t);
        }
        if (t instanceof AdminTargetNotFoundException) {
            return new Failure(NOT_FOUND, t.getMessage(), t);
        }
        if (t instanceof DataDirBusyException) {
            return new Failure(SERVER_RUNNING, t.getMessage(), t);
        }
        return Failures.explain(t, null);
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
