package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.ByteRange;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.ForwardingDriver;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;

/**
 * The ranged-download contract over the memory driver, made to ask for parallel ranges (it does
 * not by itself: one copy in memory is fastest), so the suite itself is checked without a server.
 */
class MemoryRangedDownloadTest extends RangedDownloadContract {
    private final MemoryDriver memory = new MemoryDriver("memory-ranged");

    @Override
    protected Storage openStorage() {
        return Stowage.wrap(new ForwardingDriver(memory) {
            @Override
            public boolean prefersParallelRangedReads() {
                return true;
            }

            @Override
            public InputStream readIfMatch(String key, ByteRange range, String etag) {
                return super.readIfMatch(key, range, etag);
            }
        });
    }

    @AfterAll
    void noStreamIsLeftOpen() {
        memory.assertNoOpenStreams();
    }
}
