package dev.stowage.cli;

/**
 * A failure the CLI reports itself, as one line on stderr and an exit code: bad locations, local
 * file trouble, unknown disks. Failures of the storage library travel as
 * {@link dev.stowage.StorageException} instead.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command line is wrong (exit code 2). */
    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message, null);
    }

    /** Something failed (exit code 1). */
    static CliException failure(String message, Throwable cause) {
        return new CliException(ExitCodes.FAILURE, message, cause);
    }

    /** A disk is not configured or cannot be opened (exit code 3). */
    static CliException configuration(String message) {
        return new CliException(ExitCodes.CONFIGURATION, message, null);
    }

    int exitCode() {
        return exitCode;
    }
}
