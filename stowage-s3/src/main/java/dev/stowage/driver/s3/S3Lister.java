package dev.stowage.driver.s3;

import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.spi.KeyOrder;
import dev.stowage.spi.ListQuery;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Pages of a disk's keys through ListObjectsV2, with {@link ListQuery}'s semantics: keys relative
 * to the disk prefix; {@code limit} counts objects and common prefixes together; the cursor is the
 * last entry returned and is given only when more entries follow; a cursor ending with the
 * delimiter is a common prefix already returned, so nothing under it comes again.
 *
 * <p>S3's own {@code StartAfter} would return such a prefix again (its keys sort after it), so
 * entries not after the cursor are filtered here; the listing then continues with S3's
 * continuation token until the page is full. A full page has a cursor when S3's response was
 * truncated or held one more entry: one request per page in the common case.
 */
final class S3Lister {

    private final S3Client client;
    private final S3Settings s;
    private final S3Errors errors;

    S3Lister(S3Client client, S3Settings settings, S3Errors errors) {
        this.client = client;
        this.s = settings;
        this.errors = errors;
    }

    private record Entry(String key, ObjectInfo object) {
    }

    Page list(ListQuery query) {
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        int taken = 0;
        String token = null;
        String startAfter = query.startAfter() == null ? null : s.fullKey(query.startAfter());
        while (true) {
            ListObjectsV2Request.Builder r = ListObjectsV2Request.builder().bucket(s.bucket())
                    .prefix(s.fullKey(query.prefix())).maxKeys(Math.min(1000, query.limit() + 1));
            if (query.delimiter() != null) {
                r.delimiter(query.delimiter());
            }
            if (token != null) {
                r.continuationToken(token);
            } else if (startAfter != null) {
                r.startAfter(startAfter);
            }
            ListObjectsV2Response response;
            try {
                response = client.listObjectsV2(r.build());
            } catch (RuntimeException e) {
                throw errors.translate(e, Operation.LIST, query.prefix());
            }
            for (Entry e : merge(response)) {
                if (!query.isAfterCursor(e.key())) {
                    continue;
                }
                if (taken == query.limit()) {
                    return new Page(objects, prefixes, last);
                }
                if (e.object() != null) {
                    objects.add(e.object());
                } else {
                    prefixes.add(e.key());
                }
                last = e.key();
                taken++;
            }
            if (!Boolean.TRUE.equals(response.isTruncated()) || response.nextContinuationToken() == null) {
                return new Page(objects, prefixes, null);
            }
            if (taken == query.limit()) {
                // S3 has more entries, all after this page's last one: no need to fetch one to prove it.
                return new Page(objects, prefixes, last);
            }
            token = response.nextContinuationToken();
        }
    }

    /** The objects and common prefixes of one response, relative to the disk, in key order. */
    private List<Entry> merge(ListObjectsV2Response response) {
        List<Entry> entries = new ArrayList<>(response.contents().size() + response.commonPrefixes().size());
        for (S3Object o : response.contents()) {
            String key = s.relativeKey(o.key());
            if (key.isEmpty()) {
                continue; // a "folder" marker object named exactly like the disk prefix
            }
            ObjectInfo.Builder info = ObjectInfo.builder(key).disk(s.disk()).size(o.size() == null ? 0 : o.size())
                    .lastModified(o.lastModified()).etag(o.eTag());
            entries.add(new Entry(key, info.build()));
        }
        for (CommonPrefix p : response.commonPrefixes()) {
            entries.add(new Entry(s.relativeKey(p.prefix()), null));
        }
        if (!response.commonPrefixes().isEmpty() && !response.contents().isEmpty()) {
            entries.sort((a, b) -> KeyOrder.compare(a.key(), b.key()));
        }
        return entries;
    }
}
