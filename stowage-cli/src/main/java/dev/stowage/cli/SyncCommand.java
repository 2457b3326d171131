package dev.stowage.cli;

import dev.stowage.transfer.Transfer;
import dev.stowage.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stowage sync SRC DST}: a {@link Transfer} in mode {@code SYNC} between two folders or prefixes. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make DST match SRC: copy new and changed objects; with --delete, delete objects absent from SRC (only after every copy succeeded).",
        footer = {"", "SRC and DST: a local folder (./dir, /abs/dir), disk:prefix/, a URI, or a prefix on the default disk.",
            "Exit codes: 0 ok, 1 failures or differences, 2 usage, 3 configuration."})
final class SyncCommand extends StorageCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "The source folder or prefix.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "The target folder or prefix.")
    String target;

    @Option(names = "--delete", description = "Delete DST objects absent from SRC (after every copy succeeded).")
    boolean delete;

    @Mixin
    TransferFlags flags;

    @Override
    int run() {
        Transfers transfers = new Transfers(this);
        Transfers.Side from = transfers.side(source, true);
        Transfers.Side to = transfers.side(target, false);
        TransferOptions.Builder builder = flags.options();
        return transfers.run(Transfer.Mode.SYNC, from, to, builder.deleteExtraneous(delete), flags.json);
    }
}
