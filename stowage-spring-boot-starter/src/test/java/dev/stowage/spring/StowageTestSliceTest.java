package dev.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spring.test.StowageTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

@StowageTest
@TestPropertySource(properties = {"stowage.default=uploads", "stowage.disks.uploads.driver=s3",
    "stowage.disks.uploads.bucket=never-contacted", "stowage.disks.archive.driver=azure",
    "stowage.disks.archive.container=never-contacted"})
class StowageTestSliceTest {

    @Autowired
    Storage storage;

    @Autowired
    @Qualifier("archive")
    Storage archive;

    @Test
    void every_disk_is_swapped_for_a_memory_disk_of_the_same_name() {
        assertThat(storage.name()).isEqualTo("uploads");
        assertThat(storage.unwrap(MemoryDriver.class)).isNotNull();
        assertThat(archive.name()).isEqualTo("archive");
        storage.put("k", Content.of("v"));
        assertThat(storage.unwrap(MemoryDriver.class).keys()).containsExactly("k");
    }
}
