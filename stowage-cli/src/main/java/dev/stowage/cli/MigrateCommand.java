package dev.stowage.cli;

import dev.stowage.transfer.Transfer;
import dev.stowage.transfer.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stowage migrate SRC DST}: a {@link Transfer} in mode {@code MIGRATE} between two folders or prefixes. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Move every object from SRC to DST: each source object is deleted only after its copy is verified.",
        footer = {"", "SRC and DST: a local folder (./dir, /abs/dir), disk:prefix/, a URI, or a prefix on the default disk.",
            "Exit codes: 0 ok, 1 failures or differences, 2 usage, 3 configuration."})
final class MigrateCommand extends StorageCommand {

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
        return transfers.run(Transfer.Mode.MIGRATE, from, to, builder, flags.json);
    }
}
