package dev.stowage.driver.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.stowage.AccessDeniedException;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns SDK failures into Stowage exceptions: BlobNotFound → not found, ConditionNotMet →
 * precondition failed (or already exists for create-only writes), 409 BlobAlreadyExists → already
 * exists, 401/403 → access denied, 408/429/5xx, ServerBusy and network trouble → retryable. The
 * SDK exception is always the cause. Messages carry the service's error code, never a URL with a
 * signature or a key.
 */
final class AzureErrors {
    private final String disk;
    private final String container;

    AzureErrors(String disk, String container) {
        this.disk = disk;
        this.container = container;
    }

    /** Translates {@code e} raised by {@code operation} on {@code key} (may be {@code null}). */
    StorageException translate(Throwable e, Operation operation, String key) {
        return translate(e, operation, key, false);
    }

    /**
     * @param createOnly whether the request carried {@code If-None-Match: *}: then a 409 or 412 means
     *     the key already exists
     */
    StorageException translate(Throwable e, Operation operation, String key, boolean createOnly) {
        if (e instanceof StorageException se) {
            return se;
        }
        BlobStorageException bse = find(e, BlobStorageException.class);
        if (bse != null) {
            return fromService(bse, operation, key, createOnly);
        }
        HttpResponseException http = find(e, HttpResponseException.class);
        if (http != null && http.getResponse() != null) {
            return fromStatus(http.getResponse().getStatusCode(), null, http, operation, key, createOnly);
        }
        if (find(e, IOException.class) != null || find(e, UncheckedIOException.class) != null
                || find(e, TimeoutException.class) != null) {
            return new StorageUnavailableException(disk, operation, key, "cannot reach Azure Blob Storage: "
                    + rootMessage(e), e);
        }
        return new StorageException(disk, operation, key, "unexpected " + e.getClass().getSimpleName() + ": "
                + rootMessage(e), e);
    }

    private StorageException fromService(BlobStorageException e, Operation operation, String key, boolean createOnly) {
        return fromStatus(e.getStatusCode(), e.getErrorCode(), e, operation, key, createOnly);
    }

    private StorageException fromStatus(int status, BlobErrorCode code, Throwable e, Operation operation, String key,
            boolean createOnly) {
        String c = code == null ? "HTTP " + status : code + " (HTTP " + status + ")";
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
            String reason = "container '" + container + "' does not exist (create it, or set create-container=true)";
            return operation == Operation.READ || operation == Operation.STAT || operation == Operation.COPY
                    || operation == Operation.TAGS
                    ? new ObjectNotFoundException(disk, operation, key, reason, e)
                    : new StorageException(disk, operation, key, reason, false, e);
        }
        if (status == 404) {
            return new ObjectNotFoundException(disk, operation, key, "object not found: " + c, e);
        }
        if (createOnly && (status == 409 || status == 412)) {
            return new ObjectAlreadyExistsException(disk, operation, key, "object already exists: " + c, e);
        }
        if (BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code)) {
            return new ObjectAlreadyExistsException(disk, operation, key, "object already exists: " + c, e);
        }
        if (status == 412) {
            return new PreconditionFailedException(disk, operation, key, "precondition failed: " + c, e);
        }
        if (status == 401 || status == 403) {
            return new AccessDeniedException(disk, operation, key, "access denied: " + c, e);
        }
        if (status == 408 || status == 429 || status >= 500 || BlobErrorCode.SERVER_BUSY.equals(code)
                || BlobErrorCode.OPERATION_TIMED_OUT.equals(code)) {
            return new StorageUnavailableException(disk, operation, key, "Azure is unavailable: " + c, e);
        }
        return new StorageException(disk, operation, key, "Azure refused the request: " + c, false, e);
    }

    /** The HTTP status of an SDK failure, or -1. */
    static int status(Throwable e) {
        BlobStorageException bse = find(e, BlobStorageException.class);
        if (bse != null) {
            return bse.getStatusCode();
        }
        HttpResponseException http = find(e, HttpResponseException.class);
        return http != null && http.getResponse() != null ? http.getResponse().getStatusCode() : -1;
    }

    /** The service error code of an SDK failure, or {@code null}. */
    static BlobErrorCode code(Throwable e) {
        BlobStorageException bse = find(e, BlobStorageException.class);
        return bse == null ? null : bse.getErrorCode();
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        // a request URL may carry a SAS signature: never repeat it
        return line.replaceAll("(?i)sig=[^&\\s]+", "sig=****");
    }
}
