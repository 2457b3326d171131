package dev.stowage.cli;

import dev.stowage.transfer.Transfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stowage cp SRC DST}: see {@link Copier}. */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy one object: file to object, object to file, within a disk (server-side) or between disks (streamed).",
            "With -r: copy a folder or prefix (local folder <-> prefix, prefix <-> prefix on any two disks),",
            "skipping objects already current on the target; the transfer options below apply to -r only."},
        footer = {"",
            "Local files are written /abs/path, ./rel/path, ../rel/path or - (stdin/stdout);",
            "anything else is an object: key, disk:key or URI. A DST ending in / is a folder:",
            "the source's name is appended."})
final class CpCommand extends StorageCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "What to copy: an object or a local file.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where to: an object, a folder/ or a local file.")
    String target;

    @Option(names = {"-r", "--recursive"}, description = "Copy everything under a folder or prefix.")
    boolean recursive;

    @Mixin
    TransferFlags flags;

    @Override
    int run() throws Exception {
        if (recursive) {
            Transfers transfers = new Transfers(this);
            return transfers.run(Transfer.Mode.COPY, transfers.side(source, true), transfers.side(target, false),
                    flags.options(), flags.json);
        }
        if (flags.dryRun) {
            throw CliException.usage("--dry-run applies to cp -r");
        }
        Locations locations = locations();
        String done = new Copier(ctx).run(locations.parse(source), locations.parse(target), false);
        if (done != null) {
            note(done);
        }
        return ExitCodes.OK;
    }
}
