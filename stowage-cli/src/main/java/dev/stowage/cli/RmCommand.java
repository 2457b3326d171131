package dev.stowage.cli;

import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Storage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stowage rm KEY...}: deletes objects. A missing object is an error (reported, the others are
 * still deleted, exit code 1) unless {@code --force}.
 */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Delete objects. Missing objects are an error unless --force.")
final class RmCommand extends StorageCommand {

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The objects: key, disk:key or URI.")
    List<String> targets;

    @Option(names = {"-f", "--force"}, description = "Do not complain about objects that do not exist.")
    boolean force;

    @Override
    int run() {
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
}
