package dev.stowage;

/** The content is larger than the maximum size allowed for the write; nothing was stored. */
public class ContentTooLargeException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ContentTooLargeException(String disk, Operation operation, String key, String reason, Throwable cause) {
        super(disk, operation, key, reason == null ? "content too large" : reason, false, cause);
    }

    public ContentTooLargeException(String disk, Operation operation, String key) {
        this(disk, operation, key, null, null);
    }
}
