package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.ExitCode;
import dev.attache.cli.signin.SignInFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code attache logout}: removes the sign-in {@code attache login} saved. The token stays valid on the
 * server; revoking it is the server's business ({@code attache admin token revoke}).
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Removes the host and token 'attache login' saved. The token itself stays valid; "
                + "'attache admin token revoke' on the server's machine revokes it."},
        footer = {"", "Example:", "  attache logout"})
final class LogoutCommand implements Callable<Integer> {

    private final ClientContext context;

    @Spec
    private @Nullable CommandSpec spec;

    LogoutCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Environment env = context.environment();
        PrintWriter out = spec.commandLine().getOut();
        SignInFile file = SavedSignIn.file(env).orElse(null);
        boolean removed;
        try {
            removed = file != null && file.delete();
        } catch (IOException e) {
            throw new CommandFailedException(new Failure(ExitCode.ERROR, "the sign-in cannot be removed: "
                    + Failures.fileSystem(e), e));
        }
        out.println(removed ? "Signed out: removed " + SavedSignIn.shown(file.path(), env) + "."
                : "Not signed in: nothing saved" + (file == null ? "." : " in " + SavedSignIn.shown(file.path(), env) + "."));
        out.flush();
        return 0;
    }
}
