package dev.stowage;

/** A create-only write ({@code ifNoneMatch}) found the key already taken. */
public class ObjectAlreadyExistsException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ObjectAlreadyExistsException(String disk, Operation operation, String key, String reason, Throwable cause) {
        super(disk, operation, key, reason == null ? "object already exists" : reason, false, cause);
    }

    public ObjectAlreadyExistsException(String disk, Operation operation, String key) {
        this(disk, operation, key, null, null);
    }
}
