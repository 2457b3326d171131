package dev.stowage;

/** A key or prefix broke one of the rules of {@link StorageKey}; the message names the rule. */
public class InvalidKeyException extends StorageException {
    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String disk, Operation operation, String key, String rule) {
        super(disk, operation, key, "invalid key: " + rule, false, null);
    }
}
