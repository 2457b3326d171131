package dev.stowage.driver.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.spi.KeyOrder;
import dev.stowage.spi.ListQuery;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Listing with {@link ListQuery} semantics over Azure's marker-based paging.
 *
 * <p>Stowage cursors are keys (the last entry returned), Azure's markers are opaque and Azure has
 * no "start after". So a page is found by listing from the prefix and skipping what is not after
 * the cursor. To keep sequential paging cheap, the driver remembers, for the last few hundred
 * cursors it handed out, the Azure marker of the server page the cursor lies in: the next call
 * starts there instead of at the beginning. Entries of each server page are sorted in UTF-8 key
 * order ({@link KeyOrder}) before use, because some servers (Azurite) return blobs before
 * prefixes. Keys are relative to the disk prefix.
 */
final class AzureLister {
    private static final int MAX_SERVER_PAGE = 5000;
    private static final int REMEMBERED_CURSORS = 512;

    private record CursorKey(String prefix, String delimiter, String cursor) {
    }

    private record Entry(String key, BlobItem item, boolean isPrefix) {
    }

    private final String disk;
    private final String diskPrefix;
    private final BlobContainerClient container;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<CursorKey, String> markers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CursorKey, String> eldest) {
            return size() > REMEMBERED_CURSORS;
        }
    };

    AzureLister(String disk, String diskPrefix, BlobContainerClient container) {
        this.disk = disk;
        this.diskPrefix = diskPrefix;
        this.container = container;
    }

    Page list(ListQuery q) {
        String marker = q.startAfter() == null ? null : remembered(new CursorKey(q.prefix(), q.delimiter(), q.startAfter()));
        int pageSize = q.startAfter() != null && marker == null ? MAX_SERVER_PAGE : Math.min(MAX_SERVER_PAGE, q.limit() + 1);
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Set<String> seenPrefixes = new HashSet<>();
        String last = null;
        while (true) {
            PagedResponse<BlobItem> page = fetch(diskPrefix + q.prefix(), q.delimiter(), marker, pageSize);
            List<Entry> entries = new ArrayList<>();
            for (BlobItem item : page.getValue()) {
                String key = item.getName().substring(diskPrefix.length());
                entries.add(new Entry(key, item, Boolean.TRUE.equals(item.isPrefix())));
            }
            entries.sort(Comparator.comparing(Entry::key, KeyOrder.COMPARATOR));
            for (Entry e : entries) {
                if (e.isPrefix()) {
                    if (!prefixAfterCursor(q, e.key()) || !seenPrefixes.add(e.key())) {
                        continue;
                    }
                } else if (!q.isAfterCursor(e.key())) {
                    continue;
                }
                if (objects.size() + prefixes.size() == q.limit()) {
                    remember(new CursorKey(q.prefix(), q.delimiter(), last), marker);
                    return new Page(objects, prefixes, last);
                }
                if (e.isPrefix()) {
                    prefixes.add(e.key());
                } else {
                    objects.add(info(e.key(), e.item()));
                }
                last = e.key();
            }
            String next = page.getContinuationToken();
            if (next == null || next.isEmpty()) {
                return new Page(objects, prefixes, null);
            }
            marker = next;
            pageSize = Math.min(MAX_SERVER_PAGE, Math.max(pageSize, q.limit() - objects.size() - prefixes.size() + 1));
        }
    }

    /**
     * Whether a common prefix belongs after the cursor: as for keys, except that a cursor that is a
     * key inside the prefix still lets the prefix through when some key under it comes after the
     * cursor (the prefix stands for those keys).
     */
    private boolean prefixAfterCursor(ListQuery q, String prefix) {
        String cursor = q.startAfter();
        if (cursor == null || q.isAfterCursor(prefix)) {
            return true;
        }
        if (!cursor.startsWith(prefix) || cursor.equals(prefix)) {
            return false;
        }
        String marker = null;
        do {
            PagedResponse<BlobItem> page = fetch(diskPrefix + prefix, null, marker, MAX_SERVER_PAGE);
            for (BlobItem item : page.getValue()) {
                if (KeyOrder.compare(item.getName().substring(diskPrefix.length()), cursor) > 0) {
                    return true;
                }
            }
            marker = page.getContinuationToken();
        } while (marker != null && !marker.isEmpty());
        return false;
    }

    private PagedResponse<BlobItem> fetch(String prefix, String delimiter, String marker, int pageSize) {
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(pageSize);
        if (!prefix.isEmpty()) {
            options.setPrefix(prefix);
        }
        Iterator<PagedResponse<BlobItem>> pages = (delimiter == null
                ? container.listBlobs(options, null)
                : container.listBlobsByHierarchy(delimiter, options, null))
                .iterableByPage(marker, pageSize).iterator();
        return pages.next();
    }

    private ObjectInfo info(String key, BlobItem item) {
        BlobItemProperties p = item.getProperties();
        ObjectInfo.Builder b = ObjectInfo.builder(key).disk(disk);
        if (p != null) {
            b.size(p.getContentLength() == null ? 0 : p.getContentLength()).contentType(p.getContentType())
                    .lastModified(p.getLastModified() == null ? null : p.getLastModified().toInstant())
                    .etag(p.getETag()).contentDisposition(p.getContentDisposition()).cacheControl(p.getCacheControl());
            if (p.getContentMd5() != null && p.getContentMd5().length > 0) {
                b.checksum(ChecksumAlgorithm.MD5, Base64.getEncoder().encodeToString(p.getContentMd5()));
            }
        }
        return b.build();
    }

    private String remembered(CursorKey key) {
        lock.lock();
        try {
            return markers.get(key);
        } finally {
            lock.unlock();
        }
    }

    private void remember(CursorKey key, String marker) {
        if (marker == null) {
            return; // the page began at the start of the prefix: nothing to save
        }
        lock.lock();
        try {
            markers.put(key, marker);
        } finally {
            lock.unlock();
        }
    }
}
