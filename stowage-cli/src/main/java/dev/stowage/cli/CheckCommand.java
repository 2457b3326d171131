package dev.stowage.cli;

import dev.stowage.transfer.Transfer;
import dev.stowage.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stowage check SRC DST}: a {@link Transfer} in mode {@code CHECK} between two folders or prefixes. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare SRC and DST without changing anything: report objects missing, different or extra on DST. Exit 1 if any differ.",
        footer = {"", "SRC and DST: a local folder (./dir, /abs/dir), disk:prefix/, a URI, or a prefix on the default disk.",
            "Exit codes: 0 ok, 1 failures or differences, 2 usage, 3 configuration."})
final class CheckCommand extends StorageCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "The source folder or prefix.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "The target folder or prefix.")
    String target;

    @Mixin
    TransferFlags flags;

    @Override
    int run() {
        Transfers transfers = new Transfers(this);
        Transfers.Side from = transfers.side(source, true);
        Transfers.Side to = transfers.side(target, false);
        TransferOptions.Builder builder = flags.options();
        return transfers.run(Transfer.Mode.CHECK, from, to, builder, flags.json);
    }
}
