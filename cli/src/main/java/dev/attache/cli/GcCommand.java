package dev.attache.cli;

import java.util.concurrent.Callable;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.attachments.BlobSweeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attache admin gc}: removes bytes no attachment needs, from a stopped server's data directory. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Removes partial uploads and stored bytes that no attachment references.",
                "Refuses to run (exit code 6) while a server holds the data directory, because an upload in "
                        + "flight has its bytes stored before its attachment exists; stop the server first. "
                        + "The server also collects this garbage itself whenever it starts."},
        footer = {"", "Example:", "  attache admin gc --data-dir ./attache-data"})
final class GcCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private StorageOptions data;
    private final StorageOpener storage;

    GcCommand(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public Integer call() throws Exception {
        BlobSweeper.Result result;
        try (AdminStorage s = storage.open(data)) {
            result = s.collector().collect();
        }
        spec.commandLine().getOut().println("Removed " + result.temporaries() + " partial upload(s) and "
                + result.unreferenced() + " unreferenced blob(s).");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
