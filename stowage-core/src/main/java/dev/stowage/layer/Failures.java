package dev.stowage.layer;

import dev.stowage.AccessDeniedException;
import dev.stowage.ContentTooLargeException;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import java.util.Objects;

/**
 * Re-labels failures for layers and composite disks that change names on the way down: a prefixed
 * disk reports the key the caller gave (not the prefixed one), a routing or failover disk reports
 * its own name (and mentions the member in the reason). The type, retryability, notes and the
 * original (as cause) are kept.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The same failure named after {@code disk} and {@code key}; {@code e} itself when nothing
     * changes or its type cannot be rebuilt (configuration, capability and unknown subclasses).
     */
    public static StorageException relabel(StorageException e, String disk, String key) {
        if (Objects.equals(e.disk(), disk) && Objects.equals(e.key(), key)) {
            return e;
        }
        String reason = Objects.equals(e.disk(), disk) || e.disk() == null ? e.reason()
                : e.reason() + " (on disk '" + e.disk() + "')";
        StorageException r;
        Class<?> type = e.getClass();
        if (type == ObjectNotFoundException.class) {
            r = new ObjectNotFoundException(disk, e.operation(), key, reason, e);
        } else if (type == ObjectAlreadyExistsException.class) {
            r = new ObjectAlreadyExistsException(disk, e.operation(), key, reason, e);
        } else if (type == PreconditionFailedException.class) {
            r = new PreconditionFailedException(disk, e.operation(), key, reason, e);
        } else if (type == AccessDeniedException.class) {
            r = new AccessDeniedException(disk, e.operation(), key, reason, e);
        } else if (type == ContentTooLargeException.class) {
            r = new ContentTooLargeException(disk, e.operation(), key, reason, e);
        } else if (type == StorageUnavailableException.class) {
            r = new StorageUnavailableException(disk, e.operation(), key, reason, e);
        } else if (type == InvalidKeyException.class) {
            r = new InvalidKeyException(disk, e.operation(), key, reason);
        } else if (type == StorageException.class) {
            r = new StorageException(disk, e.operation(), key, reason, e.retryable(), e);
        } else {
            return e;
        }
        for (Throwable note : e.getSuppressed()) {
            r.addSuppressed(note);
        }
        if (e.exhausted()) {
            r.markExhausted(e.attempts(), "as reported by disk '" + e.disk() + "'");
        }
        return r;
    }
}
