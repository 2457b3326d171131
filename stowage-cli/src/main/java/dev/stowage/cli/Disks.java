package dev.stowage.cli;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disks one run of the CLI has opened, each opened once on first use and all closed together.
 * Tests keep one instance across several runs so that {@code memory://} disks keep their objects.
 */
final class Disks implements AutoCloseable {
    private final Map<String, Storage> open = new LinkedHashMap<>();
    private final Set<String> secrets = new TreeSet<>((a, b) -> a.length() != b.length()
            ? Integer.compare(b.length(), a.length()) : a.compareTo(b));   // longest first

    private ConfiguredDisks configured;

    /** Where {@code configured:NAME} disks come from for the current run. */
    void configured(ConfiguredDisks catalog) {
        this.configured = catalog;
    }

    /** The disk for {@code ref}, opened on first use. */
    Storage open(DiskRef ref) {
        if (ref.spec().startsWith(ConfiguredDisks.SPEC_PREFIX)) {
            if (configured == null) {
                throw CliException.configuration("no configured disks in this run");
            }
            String name = ref.spec().substring(ConfiguredDisks.SPEC_PREFIX.length());
            secrets.addAll(configured.secretValues(name));
            return configured.open(name);   // the manager owns and closes it
        }
        secrets.addAll(ref.secretValues());   // before opening: a failure to open may quote the spec
        return open.computeIfAbsent(ref.spec(), Stowage::open);
    }

    /** The text with every secret setting value of the disks asked for replaced by {@code ****}. */
    String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "****");
        }
        return masked;
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
