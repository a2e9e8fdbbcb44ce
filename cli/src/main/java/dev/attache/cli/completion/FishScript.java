package dev.attache.cli.completion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A fish completion script for the tree: subcommands and options with their descriptions, files
 * where a command or an option takes files, and the values an option accepts.
 */
public final class FishScript {

    private FishScript() {
    }

    /**
     * The script.
     *
     * @param root the {@code attache} command, with every subcommand added
     * @return the script's text
     */
    public static String of(picocli.CommandLine root) {
        CommandNode tree = CommandNode.of(root);
        StringBuilder s = new StringBuilder();
        s.append("# fish completion for attache, written by 'attache completion fish'. Install it with:\n")
                .append("#   attache completion fish > ~/.config/fish/completions/attache.fish\n\n")
                .append("# The command the words before the cursor name: attache, then each word that is one of its subcommands.\n")
                .append("function __attache_node\n")
                .append("    set -l node attache\n")
                .append("    for w in (commandline -opc)[2..-1]\n")
                .append("        switch \"$node $w\"\n")
                .append("            case ").append(tree.all().stream().filter(n -> !n.path().isEmpty())
                        .map(n -> quote(key(n))).collect(Collectors.joining(" "))).append('\n')
                .append("                set node \"$node $w\"\n")
                .append("        end\n")
                .append("    end\n")
                .append("    echo $node\n")
                .append("end\n\n")
                .append("function __attache_is\n")
                .append("    test (__attache_node) = \"$argv[1]\"\n")
                .append("end\n\n")
                .append("complete -c attache -e\n");
        for (CommandNode node : tree.all()) {
            String when = "-n " + quote("__attache_is " + quote(key(node)));
            if (!node.takesFiles()) {
                s.append("complete -c attache ").append(when).append(" -f\n");
            }
            if (!node.arguments().isEmpty()) {
                s.append("complete -c attache ").append(when).append(" -f -a ").append(quote(String.join(" ", node.arguments())))
                        .append('\n');
            }
            for (CommandNode child : node.children()) {
                s.append("complete -c attache ").append(when).append(" -f -a ").append(quote(child.name()))
                        .append(description(child.description())).append('\n');
            }
            for (CommandNode.Opt option : node.options()) {
                s.append("complete -c attache ").append(when).append(names(option.names()));
                if (option.takesValue()) {
                    s.append(" -r").append(option.file() ? " -F" : " -f");
                    if (!option.candidates().isEmpty()) {
                        s.append(" -a ").append(quote(String.join(" ", option.candidates())));
                    }
                }
                s.append(description(option.description())).append('\n');
            }
        }
        return s.toString();
    }

    private static String key(CommandNode node) {
        return node.path().isEmpty() ? "attache" : "attache " + String.join(" ", node.path());
    }

    private static String names(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (String name : names) {
            if (name.startsWith("--")) {
                s.append(" -l ").append(quote(name.substring(2)));
            } else if (name.length() == 2) {
                s.append(" -s ").append(quote(name.substring(1)));
            } else {
                s.append(" -o ").append(quote(name.substring(1)));
            }
        }
        return s.toString();
    }

    private static String description(String text) {
        return text.isEmpty() ? "" : " -d " + quote(text);
    }

    /** A single-quoted fish string: only backslash and quote are escaped there. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
