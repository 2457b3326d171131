package dev.stowage.cli;

/** The exit codes of the {@code stowage} command, documented in {@code docs/cli.md}. */
final class ExitCodes {
    /** Everything worked. */
    static final int OK = 0;
    /** An operation failed (object missing, access denied, network trouble, local I/O error...). */
    static final int FAILURE = 1;
    /** The command line was wrong: unknown option, missing argument, malformed location or key. */
    static final int USAGE = 2;
    /** A disk could not be opened as configured: unknown disk or driver, missing or invalid setting. */
    static final int CONFIGURATION = 3;

    private ExitCodes() {
    }
}
