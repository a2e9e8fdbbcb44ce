package dev.attache.cli.completion;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One command of the tree as completion needs it: the words that reach it, what it does, its
 * options, its subcommands, and whether its arguments are files.
 *
 * @param path        the subcommand words after {@code attache}, empty for the root
 * @param description the first line of its description
 * @param options     its visible options
 * @param children    its visible subcommands
 * @param takesFiles  whether a positional parameter is a file or directory
 * @param arguments   the values its positional parameters accept, when they are a fixed list
 */
record CommandNode(List<String> path, String description, List<Opt> options, List<CommandNode> children, boolean takesFiles,
                   List<String> arguments) {

    CommandNode {
        path = List.copyOf(path);
        arguments = List.copyOf(arguments);
        options = List.copyOf(options);
        children = List.copyOf(children);
        Objects.requireNonNull(description, "description");
    }

    /**
     * An option.
     *
     * @param names       every name, the negated one of a negatable option included
     * @param description the first part of its description
     * @param takesValue  whether a value follows it
     * @param file        whether that value is a file or directory
     * @param candidates  the values it accepts, when they are a fixed list
     */
    record Opt(List<String> names, String description, boolean takesValue, boolean file, List<String> candidates) {

        Opt {
            names = List.copyOf(names);
            candidates = List.copyOf(candidates);
        }
    }

    /** The tree below {@code root}, hidden commands and options left out. */
    static CommandNode of(CommandLine root) {
        return of(root.getCommandSpec(), List.of());
    }

    /** The word that names this command: its last path word, or {@code attache} for the root. */
    String name() {
        return path.isEmpty() ? "attache" : path.get(path.size() - 1);
    }

    /** Every command of the tree, this one first. */
    List<CommandNode> all() {
        List<CommandNode> all = new ArrayList<>(List.of(this));
        children.forEach(c -> all.addAll(c.all()));
        return all;
    }

    private static CommandNode of(CommandSpec spec, List<String> path) {
        List<Opt> options = spec.options().stream().filter(o -> !o.hidden()).map(o -> option(o, spec)).toList();
        List<CommandNode> children = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            // Aliases appear in the map too; each command once, under its own name.
            if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandName())) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(name);
                children.add(of(sub.getCommandSpec(), childPath));
            }
        });
        boolean files = spec.positionalParameters().stream().anyMatch(p -> !p.hidden() && isFile(p));
        List<String> arguments = new ArrayList<>();
        spec.positionalParameters().stream().filter(p -> !p.hidden() && p.completionCandidates() != null)
                .forEach(p -> p.completionCandidates().forEach(arguments::add));
        return new CommandNode(path, summary(spec.usageMessage().description()), options, children, files, arguments);
    }

    private static Opt option(OptionSpec o, CommandSpec spec) {
        List<String> names = new ArrayList<>(List.of(o.names()));
        if (o.negatable()) {
            for (String name : o.names()) {
                String negated = spec.negatableOptionTransformer().makeNegative(name, spec);
                if (!names.contains(negated)) {
                    names.add(negated);
                }
            }
        }
        boolean takesValue = o.arity().max() > 0 && !(o.type() == boolean.class || o.type() == Boolean.class);
        List<String> candidates = new ArrayList<>();
        if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(candidates::add);
        }
        return new Opt(names, summary(o.description()), takesValue, isFile(o), candidates);
    }

    /** A file, a directory, or several (a {@code List<Path>} says so in its auxiliary type). */
    private static boolean isFile(ArgSpec arg) {
        for (Class<?> type : arg.auxiliaryTypes()) {
            if (type == Path.class || type == File.class) {
                return true;
            }
        }
        return arg.type() == Path.class || arg.type() == File.class || arg.type() == Path[].class || arg.type() == File[].class;
    }

    /** The first sentence, without an "(env …)" or "(default …)" aside, on one line of at most 100 characters. */
    static String summary(String[] description) {
        String text = description.length == 0 ? "" : description[0].replace("%n", " ").replaceAll("\\s+", " ").strip();
        text = text.replaceAll(" \\((env|default) [^)]*\\)", "");
        int stop = text.indexOf(". ");
        while (stop > 0 && text.charAt(stop - 1) == '.') {
            stop = text.indexOf(". ", stop + 1);
        }
        String s = stop > 0 ? text.substring(0, stop) : text;
        s = s.endsWith(".") && !s.endsWith("..") ? s.substring(0, s.length() - 1) : s;
        return s.length() <= 100 ? s : s.substring(0, 99) + "…";
    }
}
