package dev.stowage.server;

import dev.stowage.Storage;
import dev.stowage.config.StorageManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The disks a server exposes, by name. Adapts a map, or a configured manager of disks. */
public interface DiskDirectory {

    /** The disk names, in display order. */
    Set<String> names();

    /** The disk of that name, if exposed. */
    Optional<Storage> disk(String name);

    /** The default disk's name (shown first in the UI). */
    String defaultName();

    /** The disks of a manager, created on first use. */
    static DiskDirectory of(StorageManager manager) {
        return new DiskDirectory() {
            @Override
            public Set<String> names() {
                return manager.names();
            }

            @Override
            public Optional<Storage> disk(String name) {
                return manager.names().contains(name) ? Optional.of(manager.disk(name)) : Optional.empty();
            }

            @Override
            public String defaultName() {
                return manager.config().defaultDisk();
            }
        };
    }

    /** A directory over fixed disks; the first is the default. */
    static DiskDirectory of(Map<String, Storage> disks) {
        if (disks.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one disk");
        }
        Map<String, Storage> copy = new LinkedHashMap<>(disks);
        String first = copy.keySet().iterator().next();
        return new DiskDirectory() {
            @Override
            public Set<String> names() {
                return copy.keySet();
            }

            @Override
            public Optional<Storage> disk(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public String defaultName() {
                return first;
            }
        };
    }
}
