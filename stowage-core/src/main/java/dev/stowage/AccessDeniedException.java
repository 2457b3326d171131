package dev.stowage;

/** The provider refused the credentials or the permission for this operation. */
public class AccessDeniedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String disk, Operation operation, String key, String reason, Throwable cause) {
        super(disk, operation, key, reason == null ? "access denied" : reason, false, cause);
    }

    public AccessDeniedException(String disk, Operation operation, String key) {
        this(disk, operation, key, null, null);
    }
}
