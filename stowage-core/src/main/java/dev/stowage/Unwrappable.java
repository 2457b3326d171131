package dev.stowage;

/**
 * Implemented by layers and decorators so {@link Storage#unwrap(Class)} can look through them to
 * the driver underneath.
 */
public interface Unwrappable {

    /** The object this one decorates. */
    Object delegate();
}
