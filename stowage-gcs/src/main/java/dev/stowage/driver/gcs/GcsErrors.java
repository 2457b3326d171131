package dev.stowage.driver.gcs;

import com.google.cloud.BaseServiceException;
import dev.stowage.AccessDeniedException;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;

/**
 * Translates what the GCS client throws into Stowage exceptions: 404 → not found, 412 → already
 * exists (for create-only writes) or precondition failed, 401/403 → access denied, 408/429/5xx,
 * timeouts and connection failures → retryable unavailable. The client's exception is the cause.
 */
final class GcsErrors {
    private GcsErrors() {
    }

    static StorageException translate(String disk, Operation op, String key, Throwable t, boolean createOnly) {
        if (t instanceof StorageException se) {
            return se;
        }
        Throwable cause = unwrap(t);
        if (cause instanceof BaseServiceException e) {
            int code = e.getCode();
            String reason = "GCS answered " + (code == 0 ? "no response" : "HTTP " + code) + firstLine(e.getMessage());
            return switch (code) {
                case 404 -> new ObjectNotFoundException(disk, op, key, null, t);
                case 412 -> createOnly ? new ObjectAlreadyExistsException(disk, op, key, null, t)
                        : new PreconditionFailedException(disk, op, key, null, t);
                case 401, 403 -> new AccessDeniedException(disk, op, key, reason, t);
                case 408, 429, 500, 502, 503, 504 -> new StorageUnavailableException(disk, op, key, reason, t);
                default -> e.isRetryable() || code == 0 && isNetwork(e.getCause())
                        ? new StorageUnavailableException(disk, op, key, reason, t)
                        : new StorageException(disk, op, key, reason, t);
            };
        }
        if (isNetwork(cause)) {
            return new StorageUnavailableException(disk, op, key, "network failure: " + cause, t);
        }
        return new StorageException(disk, op, key, String.valueOf(cause.getMessage()), t);
    }

    static StorageException translate(String disk, Operation op, String key, Throwable t) {
        return translate(disk, op, key, t, false);
    }

    /** The HTTP status of a client exception, or 0. */
    static int code(Throwable t) {
        return unwrap(t) instanceof BaseServiceException e ? e.getCode() : 0;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof UncheckedIOException || c instanceof ExecutionException
                || c instanceof IOException && !(c instanceof InterruptedIOException) && !isNetwork(c)
                || c instanceof com.google.api.gax.rpc.ApiException)
                && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static boolean isNetwork(Throwable t) {
        return t instanceof InterruptedIOException || t instanceof ConnectException || t instanceof SocketException
                || t instanceof UnknownHostException;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }
}
