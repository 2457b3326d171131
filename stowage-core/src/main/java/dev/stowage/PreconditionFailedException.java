package dev.stowage;

/** A conditional write ({@code ifMatch}) found another version than the one expected. */
public class PreconditionFailedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String disk, Operation operation, String key, String reason, Throwable cause) {
        super(disk, operation, key, reason == null ? "precondition failed: the object changed" : reason, false, cause);
    }

    public PreconditionFailedException(String disk, Operation operation, String key) {
        this(disk, operation, key, null, null);
    }
}
