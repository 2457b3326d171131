package dev.stowage.driver.local;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link LocalCrashTest}: writes an endless stream to a key until the
 * test kills the process. Prints {@code writing} once bytes are flowing.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Storage storage = Stowage.open(Path.of(args[0]).toUri());
        InputStream endless = new InputStream() {
            private long count;

            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                count += len;
                if (count > 4 << 20 && count - len <= 4 << 20) {
                    System.out.println("writing");
                    System.out.flush();
                }
                return len;
            }
        };
        storage.put(args[1], Content.of(endless));
    }
}
