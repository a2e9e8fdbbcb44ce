package dev.attache.cli.output;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --json} and {@code --ids} options of every command that prints records, admin and
 * client alike: one JSON object per line, or only the gids, one per line, for {@code $(…)} and
 * {@code xargs}.
 */
public final class OutputFormat {

    /** How records are printed. */
    public enum Mode {
        /** Aligned text for people. */
        TEXT,
        /** One JSON object per line (JSON Lines). */
        JSON,
        /** One gid per line. */
        IDS
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--json", description = "Print one JSON object per line (JSON Lines).")
    private boolean json;

    @Option(names = "--ids", description = "Print only gids, one per line.")
    private boolean ids;

    /**
     * The chosen mode.
     *
     * @return TEXT unless {@code --json} or {@code --ids} was given
     * @throws ParameterException when both were given
     */
    public Mode mode() {
        if (json && ids) {
            throw new ParameterException(mixee.commandLine(), "--json and --ids exclude each other; give one");
        }
        return json ? Mode.JSON : ids ? Mode.IDS : Mode.TEXT;
    }
}
