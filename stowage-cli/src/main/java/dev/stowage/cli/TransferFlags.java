package dev.stowage.cli;

import dev.stowage.transfer.ChangeDetection;
import dev.stowage.transfer.TransferOptions;
import dev.stowage.transfer.Verification;
import picocli.CommandLine.Option;

/** The options shared by {@code cp -r}, {@code sync}, {@code migrate} and {@code check} (a picocli mixin). */
final class TransferFlags {

    @Option(names = {"-n", "--dry-run"}, description = "Report what would be done; change nothing.")
    boolean dryRun;

    @Option(names = "--checksum", description = "Compare content hashes (reading both sides when no stored "
            + "checksum compares) instead of size + checksum-or-date.")
    boolean checksum;

    @Option(names = "--size-only", description = "Compare sizes only (fastest; for immutable data).")
    boolean sizeOnly;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "size-and-checksum",
            description = "After each copy: none, size-and-checksum (default) or download (re-read the target).")
    String verify;

    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "8",
            description = "Objects transferred at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--json", description = "Print the report as one JSON object instead of lines.")
    boolean json;

    /** The library options these flags stand for. */
    TransferOptions.Builder options() {
        if (checksum && sizeOnly) {
            throw CliException.usage("--checksum and --size-only exclude each other");
        }
        if (parallel < 1 || parallel > 1024) {
            throw CliException.usage("--parallel must be between 1 and 1024: " + parallel);
        }
        Verification v = switch (verify.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> Verification.NONE;
            case "size-and-checksum", "checksum" -> Verification.SIZE_AND_CHECKSUM;
            case "download" -> Verification.DOWNLOAD;
            default -> throw CliException.usage("--verify takes none, size-and-checksum or download: " + verify);
        };
        return TransferOptions.builder().dryRun(dryRun).parallelism(parallel).verification(v)
                .changeDetection(checksum ? ChangeDetection.CHECKSUM
                        : sizeOnly ? ChangeDetection.SIZE_ONLY : ChangeDetection.SIZE_AND_CHECKSUM);
    }
}
