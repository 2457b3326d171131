package dev.stowage.cli;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The disks one run of the CLI has opened, each opened once on first use and all closed together.
 * Tests keep one instance across several runs so that {@code memory://} disks keep their objects.
 */
final class Disks implements AutoCloseable {
    private final Map<String, Storage> open = new LinkedHashMap<>();

    /** The disk for {@code ref}, opened on first use. */
    Storage open(DiskRef ref) {
        return open.computeIfAbsent(ref.spec(), Stowage::open);
    }

    /** Closes every disk opened, reporting the first failure after trying them all. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Storage storage : open.values()) {
            try {
                storage.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
