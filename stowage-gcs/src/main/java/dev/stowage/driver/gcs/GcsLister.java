package dev.stowage.driver.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.spi.KeyOrder;
import dev.stowage.spi.ListQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists with objects.list: prefix, delimiter, {@code startOffset} for the cursor, following page
 * tokens until the page is full. GCS returns a page's objects and common prefixes separately; they
 * are merged into key order (a GCS page covers one contiguous span of names, so merging each page
 * is enough). Semantics are those of {@link ListQuery}, as the memory driver implements them, except
 * that a full page is reported to have more whenever GCS sends a next page token (the page after it
 * may then, rarely, be empty), and that a page asked for 999 or 1,000 entries may hold 999: GCS
 * answers at most 1,000 names, the first of which is the cursor itself.
 */
final class GcsLister {
    /** The most names GCS returns in one page. */
    private static final int MAX_PAGE = 1000;

    private final GcsDriver driver;
    private final Storage storage;

    GcsLister(GcsDriver driver, Storage storage) {
        this.driver = driver;
        this.storage = storage;
    }

    private record Entry(String key, Blob blob) {
    }

    dev.stowage.Page list(ListQuery query) {
        String base = driver.settings().prefix();
        String fullPrefix = base + query.prefix();
        List<BlobListOption> options = new ArrayList<>();
        options.add(BlobListOption.prefix(fullPrefix));
        if (query.delimiter() != null) {
            options.add(BlobListOption.delimiter(query.delimiter()));
        }
        if (query.startAfter() != null && KeyOrder.compare(query.startAfter(), query.prefix()) > 0) {
            options.add(BlobListOption.startOffset(base + query.startAfter()));
        }
        options.add(BlobListOption.pageSize(Math.min(MAX_PAGE, query.limit() + 2)));
        List<Entry> entries = new ArrayList<>();
        String lastPrefix = null;
        boolean fullWithMore = false;
        try {
            Page<Blob> page = storage.list(driver.bucket(), options.toArray(BlobListOption[]::new));
            while (page != null) {
                List<Entry> batch = new ArrayList<>();
                for (Blob b : page.getValues()) {
                    String name = b.getName();
                    if (!name.startsWith(base)) {
                        continue;
                    }
                    batch.add(new Entry(name.substring(base.length()), b.isDirectory() ? null : b));
                }
                batch.sort((x, y) -> KeyOrder.compare(x.key(), y.key()));
                for (Entry e : batch) {
                    if (!query.isAfterCursor(e.key())
                            || !entries.isEmpty() && KeyOrder.compare(e.key(), entries.getLast().key()) <= 0) {
                        continue;
                    }
                    if (e.blob() == null) {
                        if (e.key().equals(lastPrefix)) {
                            continue;
                        }
                        lastPrefix = e.key();
                    }
                    entries.add(e);
                }
                if (entries.size() > query.limit() || !page.hasNextPage()) {
                    break;
                }
                if (entries.size() == query.limit() || query.limit() >= MAX_PAGE - 1 && entries.size() >= MAX_PAGE - 1) {
                    // the page is full (or, at GCS's cap of 1,000 names, holds 999 after the cursor's own
                    // name, which startOffset includes) and GCS says more names follow: say so without
                    // fetching them (a whole second page would double the requests of a long listing);
                    // rarely, what follows is all filtered out and the next page comes back empty
                    fullWithMore = true;
                    break;
                }
                page = page.getNextPage();
            }
        } catch (RuntimeException e) {
            throw GcsErrors.translate(driver.disk(), Operation.LIST, query.prefix(), e);
        }
        boolean more = entries.size() > query.limit() || fullWithMore;
        List<Entry> returned = entries.size() > query.limit() ? entries.subList(0, query.limit()) : entries;
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (Entry e : returned) {
            if (e.blob() == null) {
                prefixes.add(e.key());
            } else {
                objects.add(GcsObjects.toInfo(driver.disk(), e.key(), e.blob()));
            }
        }
        return new dev.stowage.Page(objects, prefixes, more ? returned.get(returned.size() - 1).key() : null);
    }
}
