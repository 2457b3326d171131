package dev.stowage;

import java.util.Objects;

/**
 * Root of every failure Stowage reports: says which disk, which key, which operation, why, and
 * whether trying again could help.
 *
 * <p>Provider exceptions are never the only information: they are kept as the {@link #getCause()
 * cause} of a translated subclass. Messages never contain secrets.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String disk;
    private final Operation operation;
    private final String key;
    private final String reason;
    private final boolean retryable;
    private volatile int attempts;

    /**
     * @param disk the disk name, or {@code null} when no disk is involved yet
     * @param operation what was being done
     * @param key the key concerned, or {@code null} for operations without one
     * @param reason a short human explanation, without secrets
     * @param retryable whether the same call may succeed when repeated
     * @param cause the provider's exception, or {@code null}
     */
    public StorageException(String disk, Operation operation, String key, String reason,
            boolean retryable, Throwable cause) {
        super(format(disk, operation, key, reason), cause);
        this.disk = disk;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.key = key;
        this.reason = reason == null ? "unknown reason" : reason;
        this.retryable = retryable;
    }

    /** A non-retryable failure with no more specific type. */
    public StorageException(String disk, Operation operation, String key, String reason, Throwable cause) {
        this(disk, operation, key, reason, false, cause);
    }

    private static String format(String disk, Operation operation, String key, String reason) {
        StringBuilder b = new StringBuilder(Objects.requireNonNull(operation, "operation").label());
        if (key != null) {
            b.append(" of '").append(key).append('\'');
        }
        if (disk != null) {
            b.append(" on disk '").append(disk).append('\'');
        }
        return b.append(" failed: ").append(reason == null ? "unknown reason" : reason).toString();
    }

    /** The disk the operation ran on, or {@code null}. */
    public String disk() {
        return disk;
    }

    /** The operation that failed. */
    public Operation operation() {
        return operation;
    }

    /** The key concerned, or {@code null}. */
    public String key() {
        return key;
    }

    /** Why it failed, without the disk/key/operation prefix. */
    public String reason() {
        return reason;
    }

    /**
     * Whether the same call may succeed if repeated (network trouble, throttling, 5xx). Once a retry
     * layer has given up ({@link #exhausted()}), this is {@code false} so outer layers do not retry
     * again.
     */
    public boolean retryable() {
        return retryable && attempts == 0;
    }

    /** Whether a retry layer tried this operation repeatedly and gave up; see {@link #attempts()}. */
    public boolean exhausted() {
        return attempts > 0;
    }

    /** How many attempts a retry layer made before giving up, or {@code 0} if none gave up. */
    public int attempts() {
        return attempts;
    }

    /**
     * Marks this failure as final after {@code attempts} attempts: used by retry layers when they
     * give up, with a suppressed note saying why. Returns this exception.
     */
    public StorageException markExhausted(int attempts, String why) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
        }
        this.attempts = attempts;
        addSuppressed(new RetryNote("gave up after " + attempts + " attempt(s): " + why));
        return this;
    }

    /** A note attached (suppressed) to a failure to explain a retry decision; carries no stack trace. */
    public static final class RetryNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RetryNote(String message) {
            super(message, null, false, false);
        }
    }
}
