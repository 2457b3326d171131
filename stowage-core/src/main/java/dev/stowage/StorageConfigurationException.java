package dev.stowage;

/** A disk is misconfigured or its driver module is missing; the message says what to change. */
public class StorageConfigurationException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageConfigurationException(String disk, String reason) {
        super(disk, Operation.OPEN_DISK, null, reason, false, null);
    }

    public StorageConfigurationException(String disk, Operation operation, String key, String reason) {
        super(disk, operation, key, reason, false, null);
    }

    public StorageConfigurationException(String disk, String reason, Throwable cause) {
        super(disk, Operation.OPEN_DISK, null, reason, false, cause);
    }
}
