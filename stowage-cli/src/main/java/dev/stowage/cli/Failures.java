package dev.stowage.cli;

import dev.stowage.InvalidKeyException;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns any failure into the one line printed after {@code stowage: } and the exit code. Storage
 * exceptions already say operation, key, disk and reason, and never carry secrets; local I/O errors
 * get the same shape here.
 */
final class Failures {

    private Failures() {
    }

    /** The exit code for a failure (see {@link ExitCodes}). */
    static int exitCode(Throwable failure) {
        return switch (failure) {
            case CliException e -> e.exitCode();
            case StorageConfigurationException e -> ExitCodes.CONFIGURATION;
            case InvalidKeyException e -> ExitCodes.USAGE;
            case IllegalArgumentException e -> ExitCodes.USAGE;
            default -> ExitCodes.FAILURE;
        };
    }

    /** The one-line message, without the {@code stowage: } prefix. */
    static String message(Throwable failure) {
        return switch (failure) {
            case CliException e -> e.getMessage();
            case StorageException e -> e.getMessage();
            case UncheckedIOException e -> describe(e.getCause());
            case IOException e -> describe(e);
            case IllegalArgumentException e -> e.getMessage();
            default -> "unexpected " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                    + " (run with --debug for the stack trace)";
        };
    }

    /** A local file error in words: {@code cannot read 'x': no such file or directory}. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : " '" + fs.getFile() + "'";
            String reason = switch (fs) {
                case NoSuchFileException n -> "no such file or directory";
                case AccessDeniedException a -> "permission denied";
                case FileAlreadyExistsException x -> "already exists";
                case DirectoryNotEmptyException d -> "directory not empty";
                case NotDirectoryException d -> "not a directory";
                default -> fs.getReason() == null ? fs.getClass().getSimpleName() : fs.getReason();
            };
            return "local file" + file + ": " + reason;
        }
        return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
