package dev.stowage;

/** The provider could not be reached or asked us to slow down (network errors, timeouts, 5xx, throttling); retrying may help. */
public class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String disk, Operation operation, String key, String reason, Throwable cause) {
        super(disk, operation, key, reason == null ? "storage unavailable" : reason, true, cause);
    }

    public StorageUnavailableException(String disk, Operation operation, String key) {
        this(disk, operation, key, null, null);
    }
}
