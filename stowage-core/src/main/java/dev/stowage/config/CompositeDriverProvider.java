package dev.stowage.config;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.util.List;
import java.util.Set;

/**
 * A provider whose disks are made of other disks (routing, failover): a {@link StorageManager}
 * builds them with {@link #create(DiskConfig, MemberDisks)}. They cannot be opened alone from a URI.
 */
public interface CompositeDriverProvider extends DriverProvider {

    /** Builds the disk over members resolved by name. */
    StorageDriver create(DiskConfig config, MemberDisks members);

    /**
     * Every problem of the disk's settings (syntax, references to disks that do not exist), without
     * creating anything. Empty when the settings are fine.
     */
    List<String> problems(DiskConfig config, Set<String> diskNames);

    /** The names of the disks this disk is made of (for cycle checks), as far as its settings can be read. */
    Set<String> members(DiskConfig config);

    /** Always fails: composite disks need a {@link StorageManager} to find their members. */
    @Override
    default StorageDriver create(DiskConfig config) {
        throw new StorageConfigurationException(config.name(), "a " + scheme()
                + " disk is made of other disks: configure it in a StorageManager (stowage.disks." + config.name()
                + ".driver=" + scheme() + ")");
    }
}
