package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.UnsupportedCapabilityException;
import dev.stowage.driver.memory.MemoryDriver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Calls that need a capability the driver lacks fail up front, in the front end, with
 * {@link UnsupportedCapabilityException} naming the driver and the capability; the driver is
 * never called and nothing is stored.
 */
class UnsupportedCapabilityTest {
    private MemoryDriver memory;
    private ForwardingDriver limited;
    private Storage storage;

    @BeforeEach
    void openALimitedDisk() {
        memory = new MemoryDriver("limited");
        memory.write("exists.txt", Content.of("x"), dev.stowage.spi.WriteOptions.of("text/plain"));
        limited = new ForwardingDriver(memory, Capabilities.of(Capability.BATCH_DELETE));
        storage = Stowage.wrap(limited);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void assertRefused(Capability capability, Executable call) {
        int before = limited.calls.get();
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
            assertThat(e.capability()).isEqualTo(capability);
            assertThat(e.disk()).isEqualTo("limited");
            assertThat(e.getMessage()).contains("limited-memory").contains(capability.description());
            assertThat(e.retryable()).isFalse();
        });
        assertThat(limited.calls.get()).as("driver calls").isEqualTo(before);
        assertThat(memory.keys()).containsExactly("exists.txt");
    }

    @Test
    void a_ranged_read_needs_range_read() {
        assertRefused(Capability.RANGE_READ, () -> storage.open("exists.txt", ByteRange.of(0, 0)).close());
        assertThat(storage.getString("exists.txt")).isEqualTo("x");
    }

    @Test
    void metadata_needs_metadata() {
        assertRefused(Capability.METADATA, () -> storage.put("k", Content.of("x"), PutOptions.builder().metadata("a", "b").build()));
    }

    @Test
    void tags_need_tags() {
        assertRefused(Capability.TAGS, () -> storage.put("k", Content.of("x"), PutOptions.builder().tag("a", "b").build()));
        assertRefused(Capability.TAGS, () -> storage.tags("exists.txt"));
    }

    @Test
    void searching_by_tags_needs_tag_search() {
        assertRefused(Capability.TAG_SEARCH, () -> storage.findByTags("\"a\" = 'b'"));
    }

    @Test
    void create_only_writes_need_conditional_create() {
        assertRefused(Capability.CONDITIONAL_CREATE, () -> storage.put("k", Content.of("x"), PutOptions.builder().ifNoneMatch().build()));
    }

    @Test
    void compare_and_swap_writes_need_conditional_update() {
        assertRefused(Capability.CONDITIONAL_UPDATE,
                () -> storage.put("exists.txt", Content.of("y"), PutOptions.builder().ifMatch("abc").build()));
    }

    @Test
    void signed_urls_need_signed_get_or_signed_put() {
        assertRefused(Capability.SIGNED_GET, () -> storage.signedUrl("exists.txt", SignedUrlOptions.get(Duration.ofMinutes(1))));
        assertRefused(Capability.SIGNED_PUT, () -> storage.signedUrl("new.txt", SignedUrlOptions.put(Duration.ofMinutes(1))));
    }

    @Test
    void public_urls_need_public_url() {
        assertRefused(Capability.PUBLIC_URL, () -> storage.url("exists.txt"));
    }

    @Test
    void async_calls_fail_the_same_way() {
        assertThatThrownBy(() -> storage.async().put("k", Content.of("x"), PutOptions.builder().ifNoneMatch().build()).join())
                .hasCauseInstanceOf(UnsupportedCapabilityException.class);
        assertThat(memory.keys()).containsExactly("exists.txt");
    }

    @Test
    void plain_operations_still_work_without_optional_capabilities() {
        storage.put("plain.txt", Content.of("ok"));
        assertThat(storage.getString("plain.txt")).isEqualTo("ok");
        assertThat(storage.capabilities().supports(Capability.TAGS)).isFalse();
    }
}
