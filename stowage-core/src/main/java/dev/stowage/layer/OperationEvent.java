package dev.stowage.layer;

import dev.stowage.Operation;
import java.time.Duration;

/**
 * What an {@link ObservationLayer} reports about one operation.
 *
 * @param disk the disk name
 * @param operation what was done
 * @param key the key (or listing prefix), or {@code null}
 * @param outcome how it ended
 * @param error the simple class name of the failure, or {@code null} on success
 * @param duration how long it took; for reads, until the stream was closed
 * @param bytes bytes written or read, or {@code -1} when not applicable or unknown
 */
public record OperationEvent(String disk, Operation operation, String key, Outcome outcome, String error,
        Duration duration, long bytes) {

    /** How an operation ended. */
    public enum Outcome {
        /** It worked. */
        SUCCESS,
        /** The object was not there (often expected: existence checks). */
        NOT_FOUND,
        /** Any other failure; {@link OperationEvent#error()} names it. */
        FAILURE
    }
}
