package dev.attache.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.attache.server.auth.Scope;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The {@code --scope} values of the admin commands, read one way for tokens and apps alike. */
final class ScopeNames {

    private ScopeNames() {
    }

    /**
     * The union of the scopes named, where {@code default} stands for all of them.
     *
     * @throws ParameterException naming the first unknown scope, reported on {@code command}
     */
    static Set<Scope> union(CommandLine command, List<String> names) {
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            granted.addAll(Scope.parse(name).orElseThrow(() -> new ParameterException(command,
                    "unknown scope '" + name + "'; use attachments:read, attachments:write, attachments:delete or default")));
        }
        return granted;
    }
}
