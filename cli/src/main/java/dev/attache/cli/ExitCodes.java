package dev.attache.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.attache.server.admin.DataDirBusyException;
import dev.attache.server.admin.NotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The exit codes of {@code attache} commands, and the handler that turns a failure into one line on
 * standard error and one of these codes. Picocli's own 0, 1 and 2 keep their meaning.
 */
final class ExitCodes implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int DAMAGE_FOUND = 5;
    static final int SERVER_RUNNING = 6;

    /** Each code with its meaning, as the help of admin commands lists them. */
    static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "Success.");
        codes.put(Integer.toString(ERROR), "Failure, explained on standard error.");
        codes.put(Integer.toString(USAGE), "Invalid options or arguments.");
        codes.put(Integer.toString(NOT_FOUND), "A named workspace, user, project, token or the data directory does not exist.");
        codes.put(Integer.toString(DAMAGE_FOUND), "scrub found damaged attachments.");
        codes.put(Integer.toString(SERVER_RUNNING), "gc refused: a server is running on the data directory.");
        return codes;
    }

    /** Lists the exit codes in the help of a command and all its subcommands. */
    static void document(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(descriptions());
        command.getSubcommands().values().forEach(ExitCodes::document);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("attache: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        commandLine.getErr().flush();
        return getExitCode(ex);
    }

    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof ParameterException) {
            return USAGE;
        }
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof DataDirBusyException) {
            return SERVER_RUNNING;
        }
        return ERROR;
    }
}
