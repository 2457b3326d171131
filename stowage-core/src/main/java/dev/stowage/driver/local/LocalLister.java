package dev.stowage.driver.local;

import dev.stowage.ContentTypes;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.spi.ListQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a local disk with the semantics of the memory driver (and S3): keys in UTF-8 byte order
 * under a prefix, optional delimiter roll-up into common prefixes, a cursor, a limit, and a next
 * cursor only when more entries exist. With the usual {@code /} delimiter only one directory level
 * is read (plus, per common prefix, a walk until its first object, since empty folders are not
 * prefixes). Entries carry key, size, last-modified, etag and the content type guessed from the
 * name; sidecars are not read.
 */
final class LocalLister {
    private final String disk;
    private final Path root;
    private final LocalLayout layout;
    private final LocalErrors errors;
    /**
     * Walks stopped at the end of a full page, by the request that continues them: paging through a
     * folder of 10,000 keys then reads and sorts it once instead of once per page. A walk is taken
     * out to be used (never shared), dropped after {@code CONTINUATION_NANOS}, and used only if
     * {@link SortedWalk#resumable()} says its folders are unchanged; otherwise the page is listed
     * afresh, as always.
     */
    private final java.util.concurrent.ConcurrentHashMap<Continuation, Parked> continuations =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CONTINUATIONS = 16;
    private static final long CONTINUATION_NANOS = 60_000_000_000L;

    LocalLister(String disk, Path root, LocalLayout layout, LocalErrors errors) {
        this.disk = disk;
        this.root = root;
        this.layout = layout;
        this.errors = errors;
    }

    Page list(ListQuery query) {
        String prefix = query.prefix();
        int slash = prefix.lastIndexOf('/');
        String dirKey = prefix.substring(0, slash + 1);
        String namePrefix = prefix.substring(slash + 1);
        if (dirKey.startsWith(LocalLayout.RESERVED + "/")) {
            return Page.empty();
        }
        try {
            Path dir = dirKey.isEmpty() ? root : root.resolve(dirKey.substring(0, dirKey.length() - 1));
            if (!dir.normalize().startsWith(root)) {
                return Page.empty();
            }
            layout.checkParents(Operation.LIST, prefix, dir.resolve("_"));
            if (!isDirectory(dir)) {
                return Page.empty();
            }
            SortedWalk walk = continuation(query);
            if (walk == null) {
                walk = new SortedWalk(dir, dirKey, namePrefix, query.startAfter(), query.delimiter(),
                        !"/".equals(query.delimiter()));
            }
            return collect(query, walk);
        } catch (IOException e) {
            throw errors.io(Operation.LIST, prefix, e);
        } catch (UncheckedIOException e) {
            throw errors.io(Operation.LIST, prefix, e.getCause());
        } catch (InvalidPathException e) {
            return Page.empty(); // no file can have this name here, so no key has this prefix
        }
    }

    private Page collect(ListQuery query, SortedWalk walk) {
        List<ObjectInfo> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String delimiter = query.delimiter();
        String last = null;
        while (walk.hasNext()) {
            SortedWalk.Entry entry = walk.next();
            if (entry.directory()) {
                String common = entry.key() + "/";
                if (!new SortedWalk(entry.path(), common, "", query.startAfter(), delimiter, true).hasNext()) {
                    continue; // an empty folder, or nothing in it after the cursor
                }
                if (items.size() + prefixes.size() == query.limit()) {
                    return full(query, walk, entry, items, prefixes, last);
                }
                prefixes.add(common);
                last = common;
                continue;
            }
            String key = entry.key();
            if (delimiter != null) {
                int d = key.indexOf(delimiter, query.prefix().length());
                if (d >= 0) {
                    String common = key.substring(0, d + delimiter.length());
                    if (common.equals(last)) {
                        continue;
                    }
                    if (items.size() + prefixes.size() == query.limit()) {
                        return new Page(items, prefixes, last);
                    }
                    prefixes.add(common);
                    last = common;
                    continue;
                }
            }
            if (items.size() + prefixes.size() == query.limit()) {
                return full(query, walk, entry, items, prefixes, last);
            }
            items.add(info(key, entry.attrs()));
            last = key;
        }
        return new Page(items, prefixes, null);
    }

    /**
     * A page that filled up before taking {@code entry}: the walk, with the entry put back, is kept
     * for the next page's request (cursor {@code last}) if it can be resumed safely.
     */
    private Page full(ListQuery query, SortedWalk walk, SortedWalk.Entry entry, List<ObjectInfo> items,
            List<String> prefixes, String last) {
        walk.pushBack(entry);
        if (walk.resumable()) {
            if (continuations.size() >= MAX_CONTINUATIONS) {
                continuations.clear();
            }
            continuations.put(new Continuation(query.prefix(), query.delimiter(), last),
                    new Parked(walk, System.nanoTime()));
        }
        return new Page(items, prefixes, last);
    }

    /** The walk a previous page stopped in, if this query continues it and it is still valid. */
    private SortedWalk continuation(ListQuery query) {
        if (query.startAfter() == null) {
            return null;
        }
        Parked parked = continuations.remove(new Continuation(query.prefix(), query.delimiter(), query.startAfter()));
        if (parked == null || System.nanoTime() - parked.at() > CONTINUATION_NANOS || !parked.walk().resumable()) {
            return null;
        }
        return parked.walk();
    }

    /** What a next page asks for: the same prefix and delimiter, after the last entry of the page before. */
    private record Continuation(String prefix, String delimiter, String after) {
    }

    private record Parked(SortedWalk walk, long at) {
    }

    private ObjectInfo info(String key, BasicFileAttributes attrs) {
        return ObjectInfo.builder(key).disk(disk).size(attrs.size()).lastModified(attrs.lastModifiedTime().toInstant())
                .etag(FileVersions.etag(attrs)).contentType(ContentTypes.fromKey(key)).build();
    }

    private static boolean isDirectory(Path dir) throws IOException {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
