package dev.stowage.transfer;

/** Told of a transfer's progress and of each object's outcome. Called from worker threads. */
public interface TransferListener {

    /** Progress after each object, and every few MiB within large objects. */
    default void onProgress(TransferProgress progress) {
    }

    /** One object's outcome (including the actions of a dry run). */
    default void onObject(TransferAction action) {
    }
}
