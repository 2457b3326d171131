package dev.stowage.driver.local;

import dev.stowage.InvalidKeyException;
import dev.stowage.Operation;
import dev.stowage.StorageException;
import dev.stowage.StorageKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where things live under a local disk's root, and the checks that keep every access inside it.
 *
 * <pre>
 * root/&lt;key&gt;                         the object's bytes, exactly as other tools see them
 * root/&lt;key&gt;/.stowage                an object whose key is also a folder ({@code a} next to {@code a/b})
 * root/.stowage/meta/&lt;xx&gt;/&lt;sha256&gt;-&lt;etag&gt;  the sidecar of one version (SHA-256 of the key)
 * root/.stowage/tmp/&lt;instance&gt;/…      temp files of one driver instance
 * </pre>
 *
 * <p>Containment: keys are validated ({@link StorageKey}: no {@code ..}, {@code .}, empty
 * segments, leading slash, backslash or control characters), resolved under the root and checked
 * to stay below it after normalisation. Symbolic links are never followed below the root: every
 * existing directory on a key's path is checked with {@code NOFOLLOW_LINKS}, directories are
 * created one level at a time refusing links, data files are opened with {@code NOFOLLOW_LINKS}
 * and published by {@code rename}, which replaces a link instead of following it. (Java has no
 * {@code openat2(RESOLVE_BENEATH)}: a process that can swap a checked directory for a link between
 * the check and the use can still race it; nobody else can.)
 */
final class LocalLayout {
    static final String RESERVED = ".stowage";
    private static final int MAX_SEGMENT_BYTES = 255;

    /** SHA-256, set up on first use: only sidecar metadata needs it, and security providers are slow to load. */
    private static final class Sha256 {
        static final MessageDigest PROTOTYPE;

        static {
            try {
                PROTOTYPE = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private final String disk;
    private final Path root;
    private final int rootNames;
    private final Path meta;
    private final Path tmp;
    private final LocalErrors errors;

    /** @param root the real (symlink-free) absolute root directory */
    LocalLayout(String disk, Path root, LocalErrors errors) {
        this.disk = disk;
        this.root = root;
        this.rootNames = root.getNameCount();
        this.meta = root.resolve(RESERVED).resolve("meta");
        this.tmp = root.resolve(RESERVED).resolve("tmp");
        this.errors = errors;
    }

    Path root() {
        return root;
    }

    Path metaRoot() {
        return meta;
    }

    Path tmpRoot() {
        return tmp;
    }

    /** The data file of a key, after every key check. */
    Path data(Operation operation, String key) {
        String violation = StorageKey.violation(key);
        if (violation != null) {
            throw new InvalidKeyException(disk, operation, key, violation);
        }
        if (hasReservedSegment(key)) {
            throw new InvalidKeyException(disk, operation, key,
                    "the segment '" + RESERVED + "' is reserved by the local driver for its own files");
        }
        if (key.length() > MAX_SEGMENT_BYTES / 3) {
            checkSegmentLengths(operation, key);
        }
        Path path;
        try {
            path = root.resolve(key).normalize();
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(operation, key, e);
        }
        if (!path.startsWith(root) || path.getNameCount() <= rootNames) {
            throw new InvalidKeyException(disk, operation, key, "the key resolves outside the disk's root");
        }
        return path;
    }

    private static boolean hasReservedSegment(String key) {
        int at = key.indexOf(RESERVED);
        while (at >= 0) {
            int end = at + RESERVED.length();
            if ((at == 0 || key.charAt(at - 1) == '/') && (end == key.length() || key.charAt(end) == '/')) {
                return true;
            }
            at = key.indexOf(RESERVED, at + 1);
        }
        return false;
    }

    /**
     * Where the object whose key is also a folder lives: {@code <folder>/.stowage}. A file system
     * cannot hold a file {@code a} and a directory {@code a} side by side, so when {@code a/b} is
     * written while {@code a} is an object, {@code a} moves to {@code a/.stowage} (same inode, same
     * etag). The reserved name can never be a key segment, so it never collides with a key.
     */
    static Path self(Path dir) {
        return dir.resolve(RESERVED);
    }

    /** Turns an object file that is in the way of a folder into a folder holding it. */
    @FunctionalInterface
    interface Converter {
        void toFolder(String key, Path file) throws IOException;
    }

    private void checkSegmentLengths(Operation operation, String key) {
        int start = 0;
        while (start <= key.length()) {
            int slash = key.indexOf('/', start);
            int end = slash < 0 ? key.length() : slash;
            if (end - start > MAX_SEGMENT_BYTES / 3
                    && key.substring(start, end).getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new InvalidKeyException(disk, operation, key, "a segment is longer than " + MAX_SEGMENT_BYTES
                        + " bytes of UTF-8, the longest file name a local disk can hold");
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
    }

    /** {@code file} (a path from {@link #data}) relative to the root. */
    Path relative(Path file) {
        return file.subpath(rootNames, file.getNameCount());
    }

    /** The key of a data file under the root ({@code /}-separated). */
    String keyOf(Path file) {
        Path rel = root.relativize(file);
        StringBuilder b = new StringBuilder();
        for (Path name : rel) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(name);
        }
        return b.toString();
    }

    /**
     * The sidecar of one version of a key: {@code meta/<xx>/<sha256(key)>-<etag>}. Each version has
     * its own file, written before its data file is published and deleted after the next version
     * is, so a reader always finds the sidecar of the data file it sees, and a sidecar is never
     * overwritten in place.
     */
    Path sidecar(String key, String etag) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) Sha256.PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        String hex = HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        return meta.resolve(hex.substring(0, 2)).resolve(hex + "-" + etag);
    }

    /**
     * Checks the existing directories between the root and {@code file} (not the file itself):
     * none may be a symbolic link. Stops at the first missing one.
     *
     * @return {@code false} if one of them is not a directory (so no object can exist at {@code file})
     */
    boolean checkParents(Operation operation, String key, Path file) throws IOException {
        int names = file.getNameCount();
        if (names - rootNames <= 1) {
            return true;
        }
        Path dir = root;
        for (int i = rootNames; i < names - 1; i++) {
            dir = dir.resolve(file.getName(i));
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return true;
            }
            if (attrs.isSymbolicLink()) {
                throw errors.symlink(operation, key, keyOf(dir));
            }
            if (!attrs.isDirectory()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Creates the missing directories between the root and {@code file}, one level at a time,
     * refusing symbolic links; an object file in the way is turned into a folder by {@code converter}.
     * Call it without holding a key lock: the converter takes the lock of the object it moves.
     */
    void createParents(Operation operation, String key, Path file, Converter converter) throws IOException {
        Path dir = root;
        for (int i = rootNames; i < file.getNameCount() - 1; i++) {
            dir = dir.resolve(file.getName(i));
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    i--; // pruned concurrently: create it again
                    dir = dir.getParent();
                    continue;
                }
                if (attrs.isSymbolicLink()) {
                    throw errors.symlink(operation, key, keyOf(dir));
                }
                if (attrs.isRegularFile()) {
                    converter.toFolder(keyOf(dir), dir);
                } else if (!attrs.isDirectory()) {
                    throw new StorageException(disk, operation, key, "'" + keyOf(dir)
                            + "' is neither a folder nor an object file", null);
                }
            }
        }
    }

    /** Whether a path failure means "a component of the path is a file", i.e. the key cannot exist. */
    static boolean isNotDirectory(IOException e) {
        return e instanceof FileSystemException fse && fse.getReason() != null
                && fse.getReason().contains("Not a directory");
    }

    /** Deletes the empty directories from {@code file}'s parent up to (not including) the root. */
    void pruneParents(Path file) {
        pruneFolders(file.getParent());
    }

    /** Deletes {@code dir} and its parents up to (not including) the root, as long as they are empty. */
    void pruneFolders(Path dir) {
        while (dir != null && dir.getNameCount() > rootNames && dir.startsWith(root)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // best effort: an empty folder left behind is harmless
            }
            dir = dir.getParent();
        }
    }
}
