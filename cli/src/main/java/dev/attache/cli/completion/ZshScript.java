package dev.attache.cli.completion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A native zsh completion script for the tree: subcommands and options with their descriptions,
 * files where a command takes files, and the values an option accepts. It works both from a
 * directory in {@code $fpath} (as {@code _attache}) and sourced.
 */
public final class ZshScript {

    private ZshScript() {
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
        s.append("#compdef attache\n")
                .append("# zsh completion for attache, written by 'attache completion zsh'. Install it as _attache in a\n")
                .append("# directory of $fpath (then run compinit), or load it for this shell: source <(attache completion zsh)\n\n")
                .append("typeset -gA _attache_commands _attache_options _attache_values _attache_files _attache_arguments\n");
        for (CommandNode node : tree.all()) {
            String key = key(node);
            if (!node.children().isEmpty()) {
                s.append(entry("_attache_commands", key, lines(node.children().stream()
                        .map(c -> describe(c.name(), c.description())).toList())));
            }
            s.append(entry("_attache_options", key, lines(node.options().stream()
                    .flatMap(o -> o.names().stream().map(n -> describe(n, o.description()))).toList())));
            for (CommandNode.Opt option : node.options()) {
                if (option.takesValue()) {
                    String kind = option.file() ? "file" : option.candidates().isEmpty() ? "any" : String.join("|", option.candidates());
                    for (String name : option.names()) {
                        s.append(entry("_attache_values", key + " " + name, kind));
                    }
                }
            }
            if (node.takesFiles()) {
                s.append(entry("_attache_files", key, "1"));
            }
            if (!node.arguments().isEmpty()) {
                s.append(entry("_attache_arguments", key, String.join("|", node.arguments())));
            }
        }
        s.append(FUNCTIONS);
        return s.toString();
    }

    /** One key and value added to an associative array; a subscript in an assignment would keep its quotes. */
    private static String entry(String array, String key, String value) {
        return array + "+=(" + quote(key) + " " + quote(value) + ")\n";
    }

    private static String key(CommandNode node) {
        return node.path().isEmpty() ? "attache" : "attache " + String.join(" ", node.path());
    }

    private static String describe(String name, String description) {
        return name.replace(":", "\\:") + (description.isEmpty() ? "" : ":" + description);
    }

    private static String lines(List<String> items) {
        return items.stream().collect(Collectors.joining("\n"));
    }

    /** ANSI-C quoting: every character stands for itself but backslash, quote and newline, which are escaped. */
    static String quote(String text) {
        return "$'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    private static final String FUNCTIONS = """

            # What to offer for the word at $CURRENT: sets REPLY to options, commands, files, values or none,
            # and reply to the candidates (name:description for options and commands).
            _attache_candidates() {
              local node=attache w i prev kind
              for (( i = 2; i < CURRENT; i++ )); do
                w=${words[i]}
                if [[ -n ${_attache_commands[$node]} ]] && (( ${${(f)_attache_commands[$node]}[(I)${(b)w}(|:*)]} )); then
                  node="$node $w"
                fi
              done
              prev=${words[CURRENT-1]}
              reply=()
              if (( CURRENT > 2 )) && (( ${+_attache_values[$node $prev]} )); then
                kind=${_attache_values[$node $prev]}
                case $kind in
                  file) REPLY=files ;;
                  any) REPLY=none ;;
                  *) REPLY=values; reply=(${(s:|:)kind}) ;;
                esac
              elif [[ ${words[CURRENT]} == -* ]]; then
                REPLY=options; reply=(${(f)_attache_options[$node]})
              elif [[ -n ${_attache_commands[$node]} ]]; then
                REPLY=commands; reply=(${(f)_attache_commands[$node]})
              elif (( ${+_attache_arguments[$node]} )); then
                REPLY=values; reply=(${(s:|:)_attache_arguments[$node]})
              elif (( ${+_attache_files[$node]} )); then
                REPLY=files
              else
                REPLY=none
              fi
            }

            _attache() {
              local REPLY
              local -a reply
              _attache_candidates
              case $REPLY in
                options) _describe -t options 'option' reply ;;
                commands) _describe -t commands 'command' reply ;;
                values) compadd -a reply ;;
                files) _files ;;
              esac
            }

            if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
              _attache "$@"
            else
              compdef _attache attache
            fi
            """;
}
