package dev.stowage.driver.local;

import dev.stowage.AccessDeniedException;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.StorageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;

/** Translates file-system failures into Stowage exceptions naming disk, operation and key. */
final class LocalErrors {
    private final String disk;

    LocalErrors(String disk) {
        this.disk = disk;
    }

    /** A not-found failure. */
    ObjectNotFoundException notFound(Operation operation, String key, Throwable cause) {
        return new ObjectNotFoundException(disk, operation, key, null, cause);
    }

    /** Refusal to follow a symbolic link inside the root. */
    AccessDeniedException symlink(Operation operation, String key, String where) {
        return new AccessDeniedException(disk, operation, key, "'" + where
                + "' is a symbolic link; the local driver never follows symbolic links inside its root", null);
    }

    /** A key whose file name this JVM or file system cannot represent. */
    InvalidKeyException unrepresentable(Operation operation, String key, InvalidPathException e) {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        String hint = encoding.equalsIgnoreCase("UTF-8") ? ""
                : " (the JVM's file-name encoding is " + encoding
                        + ": run it with a UTF-8 locale such as LANG=C.UTF-8)";
        return new InvalidKeyException(disk, operation, key,
                "the key cannot be a file name on this local disk: " + e.getReason() + hint);
    }

    /** Any other I/O failure, classified by its kind. */
    StorageException io(Operation operation, String key, IOException e) {
        if (e instanceof NoSuchFileException) {
            return notFound(operation, key, e);
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new AccessDeniedException(disk, operation, key, "permission denied: " + e.getMessage(), e);
        }
        if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException) {
            return new StorageException(disk, operation, key, "interrupted; nothing was changed", e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : "";
        if (reason.contains("No space left") || reason.contains("Disk quota exceeded")) {
            return new StorageException(disk, operation, key, "the file system is full: " + e.getMessage(), e);
        }
        if (reason.contains("Read-only file system")) {
            return new AccessDeniedException(disk, operation, key, "the file system is read-only: " + e.getMessage(),
                    e);
        }
        if (reason.contains("Operation not permitted")) {
            return new AccessDeniedException(disk, operation, key, "operation not permitted: " + e.getMessage(), e);
        }
        return new StorageException(disk, operation, key, "I/O error: " + e, e);
    }
}
