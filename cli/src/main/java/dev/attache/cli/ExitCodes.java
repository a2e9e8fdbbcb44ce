package dev.attache.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import dev.attache.cli.attachments.UsageException;
import dev.attache.client.AsanaApiException;
import dev.attache.client.AsanaTransportException;
import dev.attache.client.AuthenticationException;
import dev.attache.client.ForbiddenException;
import dev.attache.client.NotFoundException;
import dev.attache.client.RateLimitedException;
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

    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int NOT_AUTHORIZED = 4;
    static final int DAMAGE_FOUND = 5;
    static final int SERVER_RUNNING = 6;
    static final int RATE_LIMITED = 7;
    static final int NETWORK = 8;

    /** The codes a client command can exit with, as its help lists them. */
    static Map<String, String> clientDescriptions() {
        Map<String, String> codes = descriptions();
        codes.keySet().removeAll(java.util.Set.of(Integer.toString(DAMAGE_FOUND), Integer.toString(SERVER_RUNNING)));
        codes.put(Integer.toString(NOT_FOUND), "Not found (404): the attachment or the parent.");
        return codes;
    }

    /** Each code with its meaning, as the help of the admin commands lists them. */
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
        return codes;
    }

    /** Lists the exit codes in the help of a command and all its subcommands. */
    static void document(CommandLine command) {
        document(command, descriptions());
    }

    /** Lists {@code codes} in the help of a command and all its subcommands. */
    static void document(CommandLine command, Map<String, String> codes) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        command.getSubcommands().values().forEach(c -> document(c, codes));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Throwable failure = unwrap(ex);
        PrintWriter err = commandLine.getErr();
        if (verbose(parseResult)) {
            err.println("attache: " + messageOf(failure));
            failure.printStackTrace(err);
        } else {
            err.println("attache: " + briefMessageOf(failure));
        }
        err.flush();
        return getExitCode(failure);
    }

    @Override
    public int getExitCode(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ParameterException || t instanceof UsageException) {
            return USAGE;
        }
        if (t instanceof AdminTargetNotFoundException || t instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (t instanceof AuthenticationException || t instanceof ForbiddenException) {
            return NOT_AUTHORIZED;
        }
        if (t instanceof RateLimitedException) {
            return RATE_LIMITED;
        }
        if (t instanceof AsanaTransportException) {
            return NETWORK;
        }
        if (t instanceof DataDirBusyException) {
            return SERVER_RUNNING;
        }
        return ERROR;
    }

    /** The server's own words, without the request line that {@code --verbose} adds. */
    private static String briefMessageOf(Throwable failure) {
        if (failure instanceof AsanaApiException api && !api.errors().isEmpty()) {
            String text = api.errors().stream().map(e -> e.message()).collect(Collectors.joining("; "));
            String retry = api.retryAfterHeader().map(d -> ", retry after " + d.toSeconds() + "s").orElse("");
            return text + " (HTTP " + api.status() + retry + ")";
        }
        if (failure instanceof AsanaTransportException && failure.getCause() != null) {
            Throwable cause = failure.getCause();
            String text = cause.getMessage() == null || cause.getMessage().isBlank() ? "" : ": " + cause.getMessage();
            return "network error, " + cause.getClass().getSimpleName() + text;
        }
        return messageOf(failure);
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
