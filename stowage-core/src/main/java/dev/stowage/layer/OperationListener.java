package dev.stowage.layer;

/**
 * Receives one {@link OperationEvent} per finished operation of an {@link ObservationLayer}. Called
 * on the thread that ran the operation: keep it quick and never throw (exceptions are ignored).
 * The Spring starter binds Micrometer timers and counters to it.
 */
@FunctionalInterface
public interface OperationListener {

    /** One operation finished. */
    void onOperation(OperationEvent event);
}
