package dev.stowage.cli;

import java.util.Optional;
import java.util.Set;

/**
 * The disks a location may name as {@code disk:key}, and the default disk plain keys go to.
 *
 * <p>Today this is the embedded default only ({@link EmbeddedDisks}); once disks come from
 * configuration ({@code stowage.properties}, the environment) a catalog built from it takes its place
 * without changing the location syntax.
 */
interface DiskCatalog {

    /** The disk plain keys are on. */
    DiskRef defaultDisk();

    /** A disk by the name used in {@code name:key}, if there is one. */
    Optional<DiskRef> named(String name);

    /** Every name {@link #named} knows, for "unknown disk" messages. */
    Set<String> names();
}
