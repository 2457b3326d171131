package dev.stowage.driver.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A journal in one append-only text file, each record a line forced to disk ({@code fsync}) before
 * the call that wrote it returns; {@code C seq} marks record {@code seq} done. A torn last line (a
 * crash mid-append) is ignored: its call never returned. Compaction rewrites the file atomically
 * (temp file, fsync, atomic rename) or truncates it when nothing is pending.
 */
final class FileJournal extends FailoverJournal {

    private final Path file;
    private FileChannel channel;

    FileJournal(Path file) {
        this.file = file.toAbsolutePath();
        try {
            Files.createDirectories(this.file.getParent());
            boolean existed = Files.exists(this.file);
            if (existed) {
                load(Files.readString(this.file, StandardCharsets.UTF_8));
            }
            channel = open();
            if (!existed) {
                forceDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the failover journal " + this.file, e);
        }
    }

    Path file() {
        return file;
    }

    @Override
    String describe() {
        return "file " + file;
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void load(String text) {
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break; // no line, or a torn last line whose call never returned
            }
            String line = text.substring(start, nl);
            start = nl + 1;
            try {
                if (line.startsWith("C ")) {
                    unindex(Long.parseLong(line.substring(2).strip()));
                } else {
                    index(Entry.parse(line));
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("failover journal " + file + " has a damaged line: '" + line + "'", e);
            }
        }
    }

    @Override
    protected void persist(Entry record, Entry replaced) {
        write(record.line());
    }

    @Override
    protected void persistDone(Entry record) {
        write("C " + record.seq() + "\n");
    }

    private void write(String line) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the failover journal " + file, e);
        }
    }

    @Override
    void compact() {
        lock.lock();
        try {
            List<Entry> entries = pendingEntries();
            if (entries.isEmpty()) {
                channel.truncate(0);
                channel.force(true);
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".compact");
            StringBuilder b = new StringBuilder();
            for (Entry e : entries) {
                b.append(e.line());
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            channel = open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the failover journal " + file, e);
        } finally {
            lock.unlock();
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a directory; the file's own fsync still holds the records
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after every record was forced: nothing is lost
        } finally {
            lock.unlock();
        }
    }
}
