package dev.stowage.cli;

import dev.stowage.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: gives access to the {@link CliContext}, parses locations, opens disks and
 * prints notes (what was done) unless {@code --quiet} was given. A subcommand implements {@link #run()}.
 */
@Command
abstract class StorageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Set by {@link CommandFactory} right after construction. */
    CliContext ctx;

    /** Does the work; returns the exit code. Failures are thrown, {@link StowageCli} reports them. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** The parser for locations. */
    final Locations locations() {
        return ctx.locations();
    }

    /** The disk of an object location, opened on first use. */
    final Storage storage(Location.ObjectRef ref) {
        return ctx.disks().open(ref.disk());
    }

    /** Prints a line saying what was done, unless {@code --quiet}. */
    final void note(String line) {
        if (!matched("--quiet")) {
            ctx.out().println(line);
        }
    }

    /** Whether an (inherited) option was given anywhere on the command line. */
    final boolean matched(String option) {
        for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
            if (c.getParseResult() != null && c.getParseResult().hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }
}
