package dev.stowage.bench.resources;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.bench.harness.DataStream;
import dev.stowage.bench.harness.OpendalClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import org.apache.opendal.AsyncOperator;
import org.apache.opendal.Operator;

/**
 * Runs in a small-heap JVM of its own: streams one large object up (from a generated stream, never
 * held whole), then down into a file and down into a discarding stream, verifying size and CRC32C
 * each time, and reports per phase the wall time, the peak heap and the collections. Contender
 * {@code stowage} uses {@code put(Content.of(stream, length))}, {@code download} and
 * {@code open().transferTo}; contender {@code opendal} its output stream, its ranged parallel reads
 * ({@link OpendalClient}) and its input stream.
 *
 * <p>Arguments: {@code contender=stowage|opendal size=BYTES dir=DIR} and the {@link Target}.
 */
public final class StreamProbe {
    private StreamProbe() {
    }

    /** One way of moving the object. */
    private interface Mover extends AutoCloseable {
        void upload(String key, InputStream in, long length) throws Exception;

        long download(String key, Path file) throws Exception;

        InputStream open(String key) throws Exception;

        long size(String key) throws Exception;

        void delete(String key) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Target target = Target.fromArgs(args);
        String contender = Target.arg(args, "contender", "stowage");
        long size = Long.parseLong(Target.arg(args, "size", Long.toString(1L << 30)));
        Path dir = Path.of(Target.arg(args, "dir", "target/resources")).toAbsolutePath();
        Files.createDirectories(dir);
        String key = "res/big-" + contender + "-" + ProcessHandle.current().pid();
        Path file = dir.resolve("download-" + contender + "-" + ProcessHandle.current().pid() + ".bin");
        try (Mover mover = contender.equals("opendal") ? opendal(target) : stowage(target)) {
            CRC32C expected = new CRC32C();
            phase(target, contender, "upload", size, () -> {
                try (InputStream in = new CheckedInputStream(new DataStream(size), expected)) {
                    mover.upload(key, in, size);
                }
                long stored = mover.size(key);
                return stored == size ? null : "stored " + stored + " bytes";
            });
            long crc = expected.getValue();
            phase(target, contender, "download to file", size, () -> {
                long n = mover.download(key, file);
                long onDisk = Files.size(file);
                long got = crcOf(file);
                Files.delete(file);
                return n != size || onDisk != size ? "wrote " + onDisk + " bytes"
                        : got != crc ? "checksum mismatch" : null;
            });
            phase(target, contender, "download to stream", size, () -> {
                CrcSink sink = new CrcSink();
                try (InputStream in = mover.open(key)) {
                    in.transferTo(sink);
                }
                return sink.count != size ? "read " + sink.count + " bytes"
                        : sink.crc.getValue() != crc ? "checksum mismatch" : null;
            });
            mover.delete(key);
        }
        System.exit(0);
    }

    private interface Phase {
        /** Runs the phase; returns {@code null} if verified, else what was wrong. */
        String run() throws Exception;
    }

    private static void phase(Target target, String contender, String phase, long bytes, Phase body) {
        Meter.reset();
        long gcs = Meter.gcCount();
        long start = System.nanoTime();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("phase", phase);
        r.put("driver", target.driver());
        r.put("contender", contender);
        r.put("bytes", bytes);
        try {
            String problem = body.run();
            // time includes verification only where it is part of the call (the checksum of the file is not timed)
            r.put("seconds", (System.nanoTime() - start) / 1e9);
            r.put("peakHeap", Meter.peakHeap());
            r.put("gcs", Meter.gcCount() - gcs);
            r.put("maxHeap", Runtime.getRuntime().maxMemory());
            r.put("verified", problem == null);
            if (problem != null) {
                r.put("error", problem);
            }
            System.out.println(ForkedJvm.line(r));
            System.out.flush();
            if (problem != null) {
                System.exit(3);
            }
        } catch (Throwable t) {
            r.put("peakHeap", Meter.peakHeap());
            r.put("error", ForkedJvm.describe(t));
            System.out.println(ForkedJvm.line(r));
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(3);
        }
    }

    private static long crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file)) {
            while (ch.read(buf.clear()) >= 0) {
                crc.update(buf.flip());
            }
        }
        return crc.getValue();
    }

    /** Discards what it is given, keeping its length and CRC32C. */
    private static final class CrcSink extends OutputStream {
        final CRC32C crc = new CRC32C();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }

    private static Mover stowage(Target target) {
        Storage storage = target.open();
        return new Mover() {
            @Override
            public void upload(String key, InputStream in, long length) {
                storage.put(key, Content.of(in, length));
            }

            @Override
            public long download(String key, Path file) {
                return storage.download(key, file);
            }

            @Override
            public InputStream open(String key) {
                return storage.open(key);
            }

            @Override
            public long size(String key) {
                return storage.stat(key).size();
            }

            @Override
            public void delete(String key) {
                storage.delete(key);
            }

            @Override
            public void close() {
                storage.close();
            }
        };
    }

    private static Mover opendal(Target target) {
        OpendalClient client = new OpendalClient(target.opendalScheme(), target.opendal(), 4);
        AsyncOperator async = AsyncOperator.of(target.opendalScheme(), target.opendal());
        Operator blocking = async.blocking();
        return new Mover() {
            @Override
            public void upload(String key, InputStream in, long length) throws Exception {
                client.upload(key, in, length);
            }

            @Override
            public long download(String key, Path file) throws Exception {
                client.download(key, file);
                return Files.size(file);
            }

            @Override
            public InputStream open(String key) {
                return blocking.createInputStream(key);
            }

            @Override
            public long size(String key) throws Exception {
                return client.stat(key);
            }

            @Override
            public void delete(String key) {
                blocking.delete(key);
            }

            @Override
            public void close() throws Exception {
                try (client) {
                    blocking.close();
                    async.close();
                }
            }
        };
    }
}
