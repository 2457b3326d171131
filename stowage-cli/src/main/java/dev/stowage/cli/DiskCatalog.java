package dev.stowage.cli;

import java.util.Optional;
import java.util.Set;

/**
 * The disks a location may name as {@code disk:key}, and the default disk plain keys go to.
 *
 * <p>In a run this is {@link ConfiguredDisks}: the disks of {@code --config}, {@code stowage.properties}
 * and the environment, or the embedded default ({@link EmbeddedDisks}) when nothing is configured.
 */
interface DiskCatalog {

    /** The disk plain keys are on. */
    DiskRef defaultDisk();

    /** A disk by the name used in {@code name:key}, if there is one. */
    Optional<DiskRef> named(String name);

    /** Every name {@link #named} knows, for "unknown disk" messages. */
    Set<String> names();
}
