package dev.stowage.cli;

import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import dev.stowage.ObjectInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stowage rm KEY...}: deletes objects. A missing object is an error (reported, the others are
 * still deleted, exit code 1) unless {@code --force}.
 */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Delete objects. Missing objects are an error unless --force.",
            "With -r, delete everything under each PREFIX: asks for confirmation on a terminal unless --yes;",
            "without a terminal on stdin it deletes without asking."})
final class RmCommand extends StorageCommand {

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The objects: key, disk:key or URI.")
    List<String> targets;

    @Option(names = {"-f", "--force"}, description = "Do not complain about objects that do not exist.")
    boolean force;

    @Option(names = {"-r", "--recursive"}, description = "Delete every object under each PREFIX.")
    boolean recursive;

    @Option(names = {"-y", "--yes"}, description = "With -r: do not ask for confirmation.")
    boolean yes;

    @Option(names = {"-n", "--dry-run"}, description = "With -r: list what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    int run() throws IOException {
        if (recursive) {
            return recursive();
        }
        if (dryRun) {
            throw CliException.usage("--dry-run applies to rm -r");
        }
        List<Location.ObjectRef> refs = targets.stream().map(t -> locations().object(t)).toList();
        refs.forEach(Locations::requireKey);   // check every argument before deleting anything
        int code = ExitCodes.OK;
        for (Location.ObjectRef ref : refs) {
            Storage storage = storage(ref);
            if (storage.delete(ref.key())) {
                note("deleted " + Show.object(storage.name(), ref.key()));
            } else if (!force) {
                ctx.err().println("stowage: " + new ObjectNotFoundException(storage.name(), Operation.DELETE,
                        ref.key()).getMessage());
                code = ExitCodes.FAILURE;
            }
        }
        return code;
    }

    private int recursive() throws IOException {
        List<Location.ObjectRef> refs = targets.stream().map(t -> locations().object(t)).toList();
        int code = ExitCodes.OK;
        for (Location.ObjectRef ref : refs) {
            Storage storage = storage(ref);
            String prefix = ref.key().isEmpty() || ref.key().endsWith("/") ? ref.key() : ref.key() + "/";
            if (prefix.isEmpty() && !yes && !dryRun && !Terminal.stdinIsTerminal(ctx)) {
                ctx.err().println("stowage: refusing to delete every object of disk '" + storage.name()
                        + "' without --yes");
                return ExitCodes.USAGE;
            }
            if (!yes && !dryRun && Terminal.stdinIsTerminal(ctx)) {
                long count;
                try (Stream<ObjectInfo> all = storage.list(prefix)) {
                    count = all.count();
                }
                ctx.err().print("stowage: delete " + count + " object(s) under " + Show.object(storage.name(), prefix)
                        + "? [y/N] ");
                ctx.err().flush();
                String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    ctx.err().println("stowage: nothing deleted");
                    return ExitCodes.FAILURE;
                }
            }
            long deleted = 0;
            List<String> batch = new ArrayList<>();
            try (Stream<ObjectInfo> all = storage.list(prefix)) {
                for (var it = all.iterator(); it.hasNext(); ) {
                    String key = it.next().key();
                    if (dryRun) {
                        note("would delete " + Show.object(storage.name(), key));
                        deleted++;
                        continue;
                    }
                    batch.add(key);
                    if (batch.size() == 1000) {
                        storage.deleteAll(batch);
                        deleted += batch.size();
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                storage.deleteAll(batch);
                deleted += batch.size();
            }
            note((dryRun ? "would delete " : "deleted ") + deleted + " object(s) under "
                    + Show.object(storage.name(), prefix));
        }
        return code;
    }
}
