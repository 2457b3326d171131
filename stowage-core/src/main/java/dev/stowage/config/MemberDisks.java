package dev.stowage.config;

import dev.stowage.spi.StorageDriver;
import java.util.Set;

/**
 * The other disks of a {@link StorageManager}, as a routing or failover disk sees its members:
 * each with its own layers. Members belong to the manager: a composite driver never closes them.
 */
public interface MemberDisks {

    /** The names of every configured disk. */
    Set<String> names();

    /**
     * The driver stack of a member disk, created on first use.
     *
     * @throws dev.stowage.StorageConfigurationException if there is no such disk, it is
     *     misconfigured, or the disks refer to each other in a cycle
     */
    StorageDriver driver(String name);
}
