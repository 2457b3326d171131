package dev.stowage.driver.s3;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.io.InputStream;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Run in a JVM with a small heap by {@link ConstantMemoryUploadTest}: uploads a generated stream of
 * unknown length and prints {@code OK <size> <etag>}. Arguments: endpoint, bucket, key, byte count.
 */
final class ConstantMemoryUpload {

    private ConstantMemoryUpload() {
    }

    /** A deterministic stream of {@code size} pseudo-random bytes, produced on the fly. */
    static InputStream generated(long size, long seed) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long left = size;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                left -= n;
                return n;
            }
        };
    }

    public static void main(String[] args) {
        String endpoint = args[0];
        String bucket = args[1];
        String key = args[2];
        long size = Long.parseLong(args[3]);
        DiskConfig config = DiskConfig.of("small-heap", "s3", Map.of("bucket", bucket, "endpoint", endpoint,
                "path-style", "true", "access-key", S3ProxyServer.ACCESS_KEY, "secret-key", S3ProxyServer.SECRET_KEY));
        try (Storage storage = Stowage.open(config)) {
            ObjectInfo info = storage.put(key, Content.of(generated(size, 42)));
            long maxHeap = Runtime.getRuntime().maxMemory();
            System.out.println("OK " + info.size() + " " + info.etag() + " maxHeap=" + maxHeap);
        }
    }
}
