package dev.stowage.cli;

import dev.stowage.Storage;
import dev.stowage.transfer.Transfer;
import dev.stowage.transfer.TransferAction;
import dev.stowage.transfer.TransferFailure;
import dev.stowage.transfer.TransferListener;
import dev.stowage.transfer.TransferOptions;
import dev.stowage.transfer.TransferReport;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Transfer} between two locations for the transfer commands: resolves each side to a
 * disk and a prefix (a local directory becomes a local disk rooted there), draws a progress bar on a
 * terminal, prints dry-run actions, differences and failures, then the summary line (or the JSON
 * report), and answers the exit code: 0 when everything succeeded (and, for check, nothing
 * differs), else 1.
 */
final class Transfers {

    /** One side of a transfer. */
    record Side(Storage storage, String prefix, String shown) {
    }

    private final StorageCommand command;
    private final CliContext ctx;

    Transfers(StorageCommand command) {
        this.command = command;
        this.ctx = command.ctx;
    }

    /** A location as a transfer side: a local directory ({@code ./dir}, {@code /abs}) or a prefix on a disk. */
    Side side(String arg, boolean mustExist) {
        Location location = command.locations().parse(arg);
        if (location instanceof Location.LocalFile file) {
            if (file.isStdio()) {
                throw CliException.usage("'-' cannot be a folder to transfer");
            }
            if (Files.isRegularFile(file.path())) {
                throw CliException.usage("'" + arg + "' is a file: transfers work on folders (use cp without -r)");
            }
            if (mustExist && !Files.isDirectory(file.path())) {
                throw CliException.failure("local folder '" + arg + "' does not exist", null);
            }
            DiskRef ref = new DiskRef(file.path().toUri().toString(), file.shown());
            return new Side(ctx.disks().open(ref), "", arg);
        }
        Location.ObjectRef ref = (Location.ObjectRef) location;
        String prefix = ref.key();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new Side(command.storage(ref), prefix, ref.shown());
    }

    /** Runs the transfer and reports it; returns the exit code. */
    int run(Transfer.Mode mode, Side source, Side target, TransferOptions.Builder builder, boolean json) {
        boolean quiet = command.matched("--quiet");
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread hook = new Thread(() -> interrupted.set(true));
        boolean realProcess = ctx.isProcessStreams();
        if (realProcess) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        builder.cancelled(interrupted::get);
        TransferOptions probe = builder.build();
        boolean dry = probe.dryRun();
        builder.listener(new TransferListener() {
            @Override
            public void onObject(TransferAction a) {
                if (a.kind() == TransferAction.Kind.FAILED) {
                    return;   // listed after the run, with the report's reasons
                }
                if (!json && !quiet && (dry || mode == Transfer.Mode.CHECK)) {
                    ctx.out().println(line(a));
                }
            }
        });
        TransferReport report;
        try (Progress progress = Progress.bytes(ctx, quiet || json, mode.name().toLowerCase(Locale.ROOT), -1)) {
            builder.listener(progress);
            report = Transfer.run(mode, source.storage(), source.prefix(), target.storage(), target.prefix(),
                    builder.build());
        } finally {
            if (realProcess) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting (Ctrl-C): the run stopped at an object boundary
                }
            }
        }
        for (TransferFailure f : report.failures()) {
            ctx.err().println("stowage: failed: " + (f.key().isEmpty() ? "" : f.key() + ": ")
                    + ctx.disks().mask(f.reason().replaceAll("\\R+", " ")));
        }
        if (json) {
            ctx.out().println(Json.report(report));
        } else if (!quiet) {
            for (String n : report.notes()) {
                ctx.err().println("stowage: note: " + n);
            }
            ctx.out().println(report.summary());
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String line(TransferAction a) {
        String kind = switch (a.kind()) {
            case WOULD_COPY -> "would copy";
            case WOULD_DELETE -> "would delete";
            case DELETED_FROM_SOURCE -> "deleted from source";
            case DELETED_FROM_TARGET -> "deleted from target";
            default -> a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
        return kind + ": " + a.key() + (a.detail() == null ? "" : " (" + a.detail() + ")");
    }
}
