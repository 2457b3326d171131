package dev.stowage;

/** The object does not exist. Raised by reads, stat, copy and move of a missing key; never by delete. */
public class ObjectNotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String disk, Operation operation, String key, String reason, Throwable cause) {
        super(disk, operation, key, reason == null ? "object not found" : reason, false, cause);
    }

    public ObjectNotFoundException(String disk, Operation operation, String key) {
        this(disk, operation, key, null, null);
    }
}
