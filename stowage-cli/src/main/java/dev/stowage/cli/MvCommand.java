package dev.stowage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stowage mv SRC DST}: see {@link Copier}. */
@Command(name = "mv", mixinStandardHelpOptions = true,
        description = "Move one object: like cp, then delete the source once the copy succeeded.",
        footer = {"",
            "Local files are written /abs/path, ./rel/path, ../rel/path or - (stdin/stdout);",
            "anything else is an object: key, disk:key or URI. A DST ending in / is a folder:",
            "the source's name is appended."})
final class MvCommand extends StorageCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "What to move: an object or a local file.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where to: an object, a folder/ or a local file.")
    String target;

    @Override
    int run() throws Exception {
        Locations locations = locations();
        String done = new Copier(ctx).run(locations.parse(source), locations.parse(target), true);
        if (done != null) {
            note(done);
        }
        return ExitCodes.OK;
    }
}
