package dev.stowage.cli;

import java.nio.file.Path;

/**
 * One argument of a command, parsed: an object (a key on a disk) or a local file (or {@code -},
 * standard input or output). See {@link Locations} for the syntax.
 */
sealed interface Location permits Location.ObjectRef, Location.LocalFile {

    /** The argument as the user wrote it, with secrets masked; used in messages. */
    String shown();

    /**
     * A key on a disk. The key may be empty (the whole disk) or end with {@code /} (a prefix).
     *
     * @param disk the disk
     * @param key the key or prefix, {@code ""} for the whole disk
     * @param shown the argument as written, secrets masked
     */
    record ObjectRef(DiskRef disk, String key, String shown) implements Location {

        /** Whether this names a prefix ("folder") rather than one object. */
        boolean isPrefix() {
            return key.isEmpty() || key.endsWith("/");
        }

        /** The same disk, another key. */
        ObjectRef withKey(String newKey) {
            return new ObjectRef(disk, newKey, shown);
        }

        /** The last segment of the key, e.g. {@code b.txt} for {@code a/b.txt}. */
        String baseName() {
            String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
            return k.substring(k.lastIndexOf('/') + 1);
        }
    }

    /**
     * A local file or directory, or {@code -} for standard input/output.
     *
     * @param path the resolved path, or {@code null} for {@code -}
     * @param shown the argument as written
     */
    record LocalFile(Path path, String shown) implements Location {

        /** Whether this is {@code -} (standard input or output). */
        boolean isStdio() {
            return path == null;
        }
    }
}
