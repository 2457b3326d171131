package dev.stowage.driver.failover;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.StorageException;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A journal kept as small objects on a disk (for instance a local disk with
 * {@code fsync-directory=true}, or a second region): one object per record under
 * {@code failover-journal/<failover disk>/}, named by its zero-padded sequence number, written
 * before the call that made it returns and deleted once done. A record replaced by a newer one for
 * the same key is deleted after the newer one is stored; leftovers from a crash are cleaned up when
 * the journal is opened.
 */
final class DiskJournal extends FailoverJournal {
    private final StorageDriver disk;
    private final String prefix;

    DiskJournal(StorageDriver disk, String failoverDisk) {
        this.disk = disk;
        this.prefix = "failover-journal/" + failoverDisk + "/";
        load();
    }

    private String objectKey(long seq) {
        return prefix + String.format("%019d", seq);
    }

    private void load() {
        List<Entry> records = new ArrayList<>();
        String cursor = null;
        do {
            Page page = disk.list(new ListQuery(prefix, null, cursor, 1000));
            for (ObjectInfo info : page.objects()) {
                try (InputStream in = disk.read(info.key(), ByteRange.ALL)) {
                    String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    if (!line.isEmpty()) {
                        records.add(Entry.parse(line));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read failover journal record " + info.key(), e);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        records.sort(Comparator.comparingLong(Entry::seq));
        for (Entry e : records) {
            Entry replaced = index(e);
            if (replaced != null) {
                deleteQuietly(replaced.seq());
            }
        }
    }

    @Override
    String describe() {
        return "disk '" + disk.disk() + "' under " + prefix;
    }

    @Override
    protected void persist(Entry record, Entry replaced) {
        disk.write(objectKey(record.seq()), Content.of(record.line()), WriteOptions.of("text/plain"));
        if (replaced != null) {
            deleteQuietly(replaced.seq());
        }
    }

    @Override
    protected void persistDone(Entry record) {
        disk.delete(objectKey(record.seq()));
    }

    private void deleteQuietly(long seq) {
        try {
            disk.delete(objectKey(seq));
        } catch (StorageException ignored) {
            // a stale record is superseded by a newer one with a higher sequence; loading skips it
        }
    }

    @Override
    void compact() {
        // done records are deleted as they complete: nothing to reclaim
    }

    @Override
    public void close() {
        // the journal disk belongs to the StorageManager
    }
}
