package dev.attache.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.attache.cli.output.JsonLines;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.admin.ScrubReport;
import dev.attache.server.admin.ScrubReport.Damage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attache admin scrub}: checks every uploaded attachment's bytes against its recorded size and SHA-256. */
@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = {"Re-reads every uploaded attachment's bytes and compares their size and SHA-256 with what was "
                + "recorded at upload, then lists the damaged attachments: missing bytes, wrong size or wrong hash.",
                "Only reads, so it is safe while the server runs. Exits with 5 when it finds damage."},
        footer = {"", "Example:", "  attache admin scrub --data-dir ./attache-data || echo 'damage found'"})
final class ScrubCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private StorageOptions data;
    @Option(names = "--json", description = "Print one JSON object, on one line, with the counts and the damaged attachments.")
    private boolean json;
    private final StorageOpener storage;

    ScrubCommand(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public Integer call() throws Exception {
        ScrubReport report;
        try (AdminStorage s = storage.open(data)) {
            report = s.scrubber().scrub();
        }
        PrintWriter out = spec.commandLine().getOut();
        Listing damaged = new Listing(List.of("attachment", "parent", "name", "problem", "detail"),
                report.damage().stream().map(ScrubCommand::row).toList());
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("checked", report.checked());
            object.put("bytes", report.bytes());
            object.put("damaged", report.damage().size());
            object.put("damage", damaged.objects());
            out.println(JsonLines.line(object));
        } else {
            if (!report.clean()) {
                out.println(damaged.toTable());
            }
            out.println("Checked " + report.checked() + " attachment(s), " + report.bytes() + " bytes: "
                    + (report.clean() ? "no damage." : report.damage().size() + " damaged."));
        }
        out.flush();
        return report.clean() ? ExitCodes.OK : ExitCodes.DAMAGE_FOUND;
    }

    private static List<Object> row(Damage d) {
        return Arrays.asList(Long.toString(d.attachmentGid()), Long.toString(d.parentGid()), d.name(),
                d.problem().name().toLowerCase(Locale.ROOT), d.detail());
    }
}
