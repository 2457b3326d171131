package dev.stowage.cli;

import java.util.Objects;

/**
 * Which disk a location is on: the string {@link dev.stowage.Stowage#open(String)} opens, and a form
 * safe to print (secret query parameters masked). Two locations are on the same disk when their
 * {@code spec}s are equal; copies and moves between them then run on the server.
 *
 * @param spec what to open, e.g. {@code memory://scratch} or {@code s3://bucket?region=eu-west-1}
 * @param display the spec with secret values replaced by {@code ****}, for messages
 */
record DiskRef(String spec, String display) {

    DiskRef {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(display, "display");
    }

    @Override
    public String toString() {
        return display;
    }
}
