package dev.stowage.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog when nothing is configured: one disk, {@code local}, rooted at {@code ./storage} in the
 * working directory, which is also the default disk.
 */
final class EmbeddedDisks implements DiskCatalog {
    /** The name of the embedded default disk, as in {@code local:some/key}. */
    static final String LOCAL = "local";

    private final DiskRef local;

    /**
     * @param workingDir the directory {@code ./storage} is relative to
     */
    EmbeddedDisks(Path workingDir) {
        Path cwd = Path.of("").toAbsolutePath();
        Path dir = workingDir.toAbsolutePath().normalize();
        String spec = dir.equals(cwd) ? "local:./storage" : dir.resolve("storage").toUri().toString();
        this.local = new DiskRef(spec, spec);
    }

    @Override
    public DiskRef defaultDisk() {
        return local;
    }

    @Override
    public Optional<DiskRef> named(String name) {
        return LOCAL.equals(name) ? Optional.of(local) : Optional.empty();
    }

    @Override
    public Set<String> names() {
        return Set.of(LOCAL);
    }
}
