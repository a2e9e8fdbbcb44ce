package dev.attache.cli.attachments;

import picocli.CommandLine.Option;

/** The {@code -q/--quiet} of the commands that move bytes: no progress lines. */
final class QuietOption {

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress lines.")
    boolean quiet;
}
