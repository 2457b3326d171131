package dev.stowage.driver.local;

import dev.stowage.StorageKey;
import dev.stowage.spi.KeyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks a directory tree depth-first in key order (UTF-8 bytes, as S3 lists), lazily, starting
 * after a cursor. Within a directory, a subdirectory {@code d} sorts as {@code d/}, so the walk
 * yields keys in global order. Subtrees entirely before the cursor are skipped without being read,
 * and entries are only {@code lstat}ed when visited (or when two names are prefixes of each other
 * and their order depends on which is a directory), so listing page after page of a large tree
 * costs about one directory read per level plus one {@code lstat} per returned entry.
 *
 * <p>Never follows symbolic links (they are skipped), never enters the reserved {@code .stowage}
 * directory at the root, and skips names that are not valid keys.
 */
final class SortedWalk implements Iterator<SortedWalk.Entry> {

    /**
     * One visited file or (when not recursing) directory.
     *
     * @param key the key (for a directory: without the trailing slash)
     * @param path the file
     * @param attrs its attributes
     * @param directory whether it is a directory
     */
    record Entry(String key, Path path, BasicFileAttributes attrs, boolean directory) {
    }

    private static final Comparator<Child> ORDER = SortedWalk::compare;

    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private final String cursor;
    private final String delimiter;
    private final boolean recurse;
    private Entry next;

    /**
     * @param dir the directory to walk
     * @param dirKey the key prefix of {@code dir} ({@code ""} for the root, else ending with {@code /})
     * @param namePrefix only entries of {@code dir} whose names start with this
     * @param cursor only keys strictly after this ({@code null}: all)
     * @param delimiter the listing's delimiter, for the prefix-cursor rule of {@link dev.stowage.spi.ListQuery}
     * @param recurse whether to descend into directories (otherwise they are yielded as entries)
     */
    SortedWalk(Path dir, String dirKey, String namePrefix, String cursor, String delimiter, boolean recurse) {
        this.delimiter = delimiter;
        this.recurse = recurse;
        if (cursor != null && !cursor.startsWith(dirKey)) {
            boolean underCursorPrefix = delimiter != null && cursor.endsWith(delimiter) && dirKey.startsWith(cursor);
            if (underCursorPrefix || KeyOrder.compare(cursor, dirKey) > 0) {
                this.cursor = cursor;
                return; // every key here is at or before the cursor
            }
            cursor = null; // every key here is after the cursor
        }
        this.cursor = cursor;
        push(dir, dirKey, namePrefix);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.index >= frame.children.size()) {
                stack.pop();
                continue;
            }
            Child child = frame.children.get(frame.index++);
            BasicFileAttributes attrs = child.attrs();
            if (attrs == null) {
                continue; // vanished
            }
            String key = frame.dirKey + child.name;
            if (attrs.isRegularFile()) {
                if (!fileAfterCursor(key) || StorageKey.violation(key) != null) {
                    continue;
                }
                next = new Entry(key, child.path, attrs, false);
                return true;
            }
            if (attrs.isDirectory()) {
                if (!child.selfDone) {
                    child.selfDone = true;
                    frame.index--; // come back to the folder itself after its self file
                    Child self = new Child(child.name, LocalLayout.self(child.path), true);
                    BasicFileAttributes selfAttrs = self.attrs();
                    if (selfAttrs != null && selfAttrs.isRegularFile() && fileAfterCursor(key)
                            && StorageKey.violation(key) == null) {
                        next = new Entry(key, self.path, selfAttrs, false);
                        return true;
                    }
                    continue;
                }
                String dirPrefix = key + "/";
                if (!dirMayBeAfterCursor(dirPrefix) || StorageKey.prefixViolation(dirPrefix) != null) {
                    continue;
                }
                if (!recurse) {
                    next = new Entry(key, child.path, attrs, true);
                    return true;
                }
                push(child.path, dirPrefix, "");
            }
            // symbolic links, devices, sockets: not objects
        }
        return false;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry e = next;
        next = null;
        return e;
    }

    private void push(Path dir, String dirKey, String namePrefix) {
        boolean filter = cursor != null && cursor.startsWith(dirKey);
        long readAt = System.currentTimeMillis() * 1_000_000L;
        BasicFileAttributes seen = directoryAttributes(dir);
        boolean settled = seen != null
                && seen.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) < readAt - SETTLED_NANOS;
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path path : entries) {
                String name = path.getFileName().toString();
                if (!name.startsWith(namePrefix) || name.equals(LocalLayout.RESERVED)) {
                    continue; // outside the prefix, or the driver's own files (or a folder's self file)
                }
                if (name.indexOf('\uFFFD') >= 0 && !Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a name that is not valid UTF-8 (decoded with U+FFFD): no key names it
                }
                if (filter && !fileAfterCursor(dirKey + name) && !dirMayBeAfterCursor(dirKey + name + "/")) {
                    continue;
                }
                children.add(new Child(name, path));
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return; // deleted while listing
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // self files found now live in sub-folders this frame does not watch: such a frame is not reused
        boolean selfFiles = addSelfFilesOfPrefixNames(children);
        children.sort(ORDER);
        stack.push(new Frame(dirKey, children, dir, seen, settled && !selfFiles));
    }

    /**
     * A folder {@code d} that holds its own object ({@code d/.stowage}, see {@link LocalLayout#self})
     * yields key {@code d} where a file {@code d} would sort. When a sibling's name extends
     * {@code d} ({@code d-x}, {@code d.txt}), that place comes before the siblings, so the self
     * file gets its own entry now; other folders' self files are yielded when the folder is visited.
     */
    private static boolean addSelfFilesOfPrefixNames(List<Child> children) {
        boolean checked = false;
        if (children.size() < 2) {
            return false;
        }
        List<Child> byName = new ArrayList<>(children);
        byName.sort((a, b) -> KeyOrder.compare(a.name, b.name));
        for (int i = 0; i + 1 < byName.size(); i++) {
            Child c = byName.get(i);
            if (byName.get(i + 1).name.startsWith(c.name) && c.isDirectory()) {
                checked = true;
                Child self = new Child(c.name, LocalLayout.self(c.path), true);
                if (self.attrs() != null && self.attrs().isRegularFile()) {
                    children.add(self);
                }
                c.selfDone = true;
            }
        }
        return checked;
    }

    private boolean fileAfterCursor(String key) {
        if (cursor == null) {
            return true;
        }
        if (delimiter != null && cursor.endsWith(delimiter) && key.startsWith(cursor)) {
            return false;
        }
        return KeyOrder.compare(key, cursor) > 0;
    }

    /** Whether a directory whose keys all start with {@code dirPrefix} may hold keys after the cursor. */
    private boolean dirMayBeAfterCursor(String dirPrefix) {
        if (cursor == null) {
            return true;
        }
        if (delimiter != null && cursor.endsWith(delimiter) && dirPrefix.startsWith(cursor)) {
            return false;
        }
        return cursor.startsWith(dirPrefix) || KeyOrder.compare(dirPrefix, cursor) > 0;
    }

    /** Key order of two names in one directory: a directory {@code d} sorts as {@code d/}. */
    private static int compare(Child a, Child b) {
        String x = a.name;
        String y = b.name;
        if (x.equals(y)) {
            return a.self ? -1 : b.self ? 1 : 0; // a folder's self file sorts as "d", the folder as "d/"
        }
        if (y.startsWith(x)) {
            return a.isDirectory() ? Character.compare('/', y.charAt(x.length())) : -1;
        }
        if (x.startsWith(y)) {
            return b.isDirectory() ? Character.compare(x.charAt(y.length()), '/') : 1;
        }
        return KeyOrder.compare(x, y);
    }

    private static final class Frame {
        final String dirKey;
        final List<Child> children;
        final Path dir;
        /** The directory's attributes just before it was read, or {@code null} if unknown. */
        final BasicFileAttributes seen;
        /** Whether the directory had not changed for a while when it was read (see {@link #resumable}). */
        final boolean settled;
        int index;

        Frame(String dirKey, List<Child> children, Path dir, BasicFileAttributes seen, boolean settled) {
            this.dirKey = dirKey;
            this.children = children;
            this.dir = dir;
            this.seen = seen;
            this.settled = settled;
        }

        /** Whether the directory still has the identity and modification time it had when read. */
        boolean unchanged() {
            BasicFileAttributes now = directoryAttributes(dir);
            return seen != null && now != null && now.lastModifiedTime().equals(seen.lastModifiedTime())
                    && java.util.Objects.equals(now.fileKey(), seen.fileKey());
        }
    }

    /** How long a directory must have gone unmodified before its sorted entries may be reused. */
    private static final long SETTLED_NANOS = 2_000_000_000L;

    private static BasicFileAttributes directoryAttributes(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() ? a : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Puts back the entry last returned by {@link #next()}, so that the next call returns it again
     * (a page that was full before it could take it).
     */
    void pushBack(Entry entry) {
        if (next != null) {
            throw new IllegalStateException("only the last entry can be put back");
        }
        next = entry;
    }

    /**
     * Whether this walk may continue a listing later, for the next page, instead of a fresh walk
     * reading and sorting every directory again: true while every directory it is in the middle of
     * was settled when read (unmodified for {@code SETTLED_NANOS} before, so a same-tick change
     * cannot hide behind an unchanged timestamp) and still has the same inode and modification
     * time. A directory gets a new modification time whenever an entry is added, removed or
     * renamed in it, so a resumed walk sees exactly the names a fresh one would; entries' own
     * attributes are read when visited, as always.
     */
    boolean resumable() {
        for (Frame frame : stack) {
            if (!frame.settled || !frame.unchanged()) {
                return false;
            }
        }
        return true;
    }

    private static final class Child {
        final String name;
        final Path path;
        final boolean self;
        boolean selfDone;
        private BasicFileAttributes attrs;
        private boolean read;

        Child(String name, Path path) {
            this(name, path, false);
        }

        Child(String name, Path path, boolean self) {
            this.name = name;
            this.path = path;
            this.self = self;
            this.selfDone = self;
        }

        BasicFileAttributes attrs() {
            if (!read) {
                read = true;
                try {
                    attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    attrs = null;
                }
            }
            return attrs;
        }

        boolean isDirectory() {
            if (self) {
                return false;
            }
            BasicFileAttributes a = attrs();
            return a != null && a.isDirectory();
        }
    }
}
