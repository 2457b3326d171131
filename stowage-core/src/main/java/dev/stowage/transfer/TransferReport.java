package dev.stowage.transfer;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a transfer.
 *
 * @param mode what ran
 * @param dryRun whether nothing was changed
 * @param objectsConsidered source objects looked at (for {@code check}, plus target-only ones)
 * @param bytesConsidered their bytes
 * @param objectsCopied objects copied (or that a dry run would copy)
 * @param bytesCopied their bytes
 * @param objectsSkipped objects already current on the target
 * @param objectsDeleted objects deleted (target extras for sync, sources for migrate)
 * @param failures objects that failed, with reasons
 * @param differences for {@code check}: missing, different and extra objects; otherwise empty
 * @param notes things the transfer could not do as asked (e.g. tags the target cannot keep)
 * @param cancelled whether it stopped early because it was cancelled
 * @param elapsed wall time
 */
public record TransferReport(Transfer.Mode mode, boolean dryRun, long objectsConsidered, long bytesConsidered,
        long objectsCopied, long bytesCopied, long objectsSkipped, long objectsDeleted, List<TransferFailure> failures,
        List<TransferAction> differences, List<String> notes, boolean cancelled, Duration elapsed) {

    public TransferReport {
        failures = List.copyOf(failures);
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    /** Whether everything asked for succeeded (and, for {@code check}, nothing differs). */
    public boolean ok() {
        return failures.isEmpty() && !cancelled && (mode != Transfer.Mode.CHECK || differences.isEmpty());
    }

    /** Bytes copied per second. */
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytesCopied / s;
    }

    /** A one-line summary for logs and the CLI. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s%s: %d objects considered (%d bytes), %d copied (%d bytes), %d skipped, %d deleted, %d failed%s in %.1f s (%.1f MiB/s)",
                mode.name().toLowerCase(java.util.Locale.ROOT), dryRun ? " (dry run)" : "", objectsConsidered,
                bytesConsidered, objectsCopied, bytesCopied, objectsSkipped, objectsDeleted, failures.size(),
                mode == Transfer.Mode.CHECK ? ", " + differences.size() + " differences" : "",
                elapsed.toNanos() / 1e9, bytesPerSecond() / (1 << 20));
    }
}
