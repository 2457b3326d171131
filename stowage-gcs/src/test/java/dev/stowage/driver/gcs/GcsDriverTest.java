package dev.stowage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobId;
import dev.stowage.AccessDeniedException;
import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import dev.stowage.UnsupportedCapabilityException;
import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.driver.gcs.emulator.TestServiceAccount;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.WriteOptions;
import dev.stowage.testkit.TestBytes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GCS driver behaviour beyond the contract: settings, errors, batching, rewrite, listing, integrity. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsDriverTest {
    private GcsEmulator emulator;
    private TestServiceAccount account;
    private LoopbackGuard guard;

    @BeforeAll
    void start() {
        guard = LoopbackGuard.install();
        emulator = GcsEmulator.start();
        account = TestServiceAccount.create("driver").trustedBy(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
        assertThat(guard.blocked()).as("connections attempted beyond 127.0.0.1").isEmpty();
    }

    private Storage open(String bucket, Map<String, String> extra) {
        return Stowage.open(GcsTestDisks.emulated("gcs-" + bucket, emulator, bucket, account, extra));
    }

    @Test
    void a_gs_uri_names_the_bucket_prefix_and_project() {
        DiskConfig config = new GcsDriverProvider().configFromUri("d", URI.create("gs://my-bucket/some/prefix?project=p1"));
        assertThat(config.settings()).containsEntry("bucket", "my-bucket").containsEntry("prefix", "some/prefix/")
                .containsEntry("project-id", "p1").doesNotContainKey("project");
        assertThat(Stowage.provider("gcs")).isPresent();
        assertThat(Stowage.provider("gs")).isPresent();
    }

    @Test
    void a_chunk_size_that_is_not_a_multiple_of_256_kib_is_refused() {
        assertThatThrownBy(() -> GcsSettings.from(DiskConfig.of("d", "gcs", Map.of("bucket", "b", "chunk-size", "1000"))))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("256KiB");
    }

    @Test
    void credentials_never_appear_in_descriptions_or_errors() {
        String json = account.json(emulator);
        DiskConfig config = GcsTestDisks.emulated("secret", emulator, "secrets", account, Map.of());
        GcsDriver driver = new GcsDriver(config);
        try {
            assertThat(config.toString()).doesNotContain("PRIVATE KEY");
            assertThat(driver.toString()).doesNotContain("PRIVATE KEY").contains("json ****");
        } finally {
            driver.close();
        }
        DiskConfig broken = config.with("credentials-json", json.replace("service_account", "nonsense"));
        assertThatThrownBy(() -> new GcsDriver(broken)).isInstanceOf(StorageConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE KEY"));
    }

    @Test
    void a_credentials_file_is_read(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sa.json");
        Files.writeString(file, account.json(emulator));
        emulator.createBucket("from-file");
        try (Storage s = Stowage.open(DiskConfig.of("f", "gcs", Map.of("bucket", "from-file", "endpoint",
                emulator.endpoint(), "project-id", "p", "credentials-file", file.toString())))) {
            s.put("a.txt", Content.of("A"));
            assertThat(s.getString("a.txt")).isEqualTo("A");
            assertThat(s.signedUrl("a.txt", SignedUrlOptions.get(Duration.ofMinutes(1)))).isNotNull();
        }
    }

    @Test
    void create_bucket_creates_a_missing_bucket() {
        try (Storage s = Stowage.open(DiskConfig.of("c", "gcs", Map.of("bucket", "made-on-open", "endpoint",
                emulator.endpoint(), "project-id", "p", "create-bucket", "true")))) {
            s.put("x", Content.of("x"));
            assertThat(emulator.objectNames("made-on-open")).containsExactly("x");
        }
    }

    @Test
    void keys_live_under_the_disk_prefix() {
        try (Storage s = open("prefixed", Map.of("prefix", "tenant-7"))) {
            ObjectInfo info = s.put("docs/a.txt", Content.of("a"));
            assertThat(info.key()).isEqualTo("docs/a.txt");
            assertThat(emulator.objectNames("prefixed")).containsExactly("tenant-7/docs/a.txt");
            assertThat(s.list(dev.stowage.ListRequest.prefix("docs/")).objects()).extracting(ObjectInfo::key)
                    .containsExactly("docs/a.txt");
            assertThat(s.url("docs/a b.txt").toString()).endsWith("/prefixed/tenant-7/docs/a%20b.txt");
        }
    }

    @Test
    void public_urls_use_the_configured_cdn_base() {
        try (Storage s = open("cdn", Map.of("prefix", "p", "cdn-url", "https://cdn.example.com/assets/"))) {
            assertThat(s.url("img/a é.png")).hasToString("https://cdn.example.com/assets/p/img/a%20%C3%A9.png");
        }
    }

    @Test
    void tags_are_refused_because_gcs_has_none() {
        try (Storage s = open("tags", Map.of())) {
            assertThat(s.capabilities().supports(Capability.TAGS)).isFalse();
            assertThatThrownBy(() -> s.put("t", Content.of("x"), PutOptions.builder().tags(Map.of("a", "b")).build()))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("gcs");
        }
    }

    @Test
    void signing_without_a_key_is_a_configuration_error_that_says_what_to_set() {
        emulator.createBucket("anon");
        try (Storage s = Stowage.open(DiskConfig.of("anon", "gcs", Map.of("bucket", "anon", "endpoint",
                emulator.endpoint())))) {
            s.put("a", Content.of("a"));
            assertThatThrownBy(() -> s.signedUrl("a", SignedUrlOptions.get(Duration.ofMinutes(1))))
                    .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("credentials-file");
        }
    }

    @Test
    void server_errors_and_throttling_are_retryable_and_keep_the_client_exception() {
        try (Storage s = open("faults", Map.of("max-attempts", "1"))) {
            s.put("k", Content.of("v"));
            emulator.failNext(1, 503);
            assertThatThrownBy(() -> s.stat("k")).isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getCause()).isInstanceOf(com.google.cloud.storage.StorageException.class);
                assertThat(e.getMessage()).contains("503").contains("'k'").contains("gcs-faults");
            });
            emulator.failNext(1, 429);
            assertThatThrownBy(() -> s.getBytes("k")).isInstanceOf(StorageUnavailableException.class);
            emulator.failNext(1, 403);
            assertThatThrownBy(() -> s.put("k", Content.of("w"))).isInstanceOf(AccessDeniedException.class);
            assertThat(s.getString("k")).isEqualTo("v");
        }
    }

    @Test
    void the_client_retries_a_transient_failure_of_an_idempotent_call() {
        try (Storage s = open("retries", Map.of())) {
            s.put("k", Content.of("v"));
            emulator.failNext(1, 503);
            assertThat(s.stat("k").size()).isEqualTo(1);
        }
    }

    @Test
    void delete_all_sends_batches_of_at_most_100_deletes() {
        try (Storage s = open("batch", Map.of())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 230; i++) {
                keys.add(String.format("k/%03d", i));
                s.put(keys.get(i), Content.of("x"));
            }
            keys.add("k/missing");
            emulator.clearRequestLog();
            s.deleteAll(keys);
            assertThat(emulator.objectNames("batch")).isEmpty();
            assertThat(emulator.requestLog()).filteredOn(r -> r.startsWith("POST /batch/storage/v1")).hasSize(3);
        }
    }

    @Test
    void copying_a_large_object_loops_over_rewrite_until_done() {
        try (Storage s = open("rewrite", Map.of())) {
            byte[] data = TestBytes.random(5 << 20, 9);
            s.put("big", Content.of(data), PutOptions.builder().contentType("application/x-big")
                    .metadata(Map.of("m", "1")).build());
            emulator.clearRequestLog();
            ObjectInfo copy = s.copy("big", "copy");
            assertThat(emulator.requestLog()).filteredOn(r -> r.contains("/rewriteTo/")).hasSizeGreaterThanOrEqualTo(5);
            assertThat(copy.size()).isEqualTo(data.length);
            assertThat(s.getBytes("copy")).isEqualTo(data);
            assertThat(s.stat("copy").metadata()).containsEntry("m", "1");
            assertThat(s.stat("copy").contentType()).isEqualTo("application/x-big");
        }
    }

    @Test
    void if_match_also_accepts_the_native_gcs_etag() {
        GcsDriver driver = new GcsDriver(GcsTestDisks.emulated("native", emulator, "native", account, Map.of()));
        try {
            driver.write("k", Content.of("one"), WriteOptions.of("text/plain"));
            String nativeEtag = driver.client().get(BlobId.of("native", "k")).getEtag();
            WriteOptions ifMatch = new WriteOptions("text/plain", null, null, Map.of(), Map.of(), false, nativeEtag);
            driver.write("k", Content.of("two"), ifMatch);
            assertThatThrownBy(() -> driver.write("k", Content.of("three"), ifMatch))
                    .isInstanceOf(PreconditionFailedException.class);
            assertThat(emulator.objectBytes("native", "k")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("two"));
        } finally {
            driver.close();
        }
    }

    @Test
    void a_verified_full_read_is_one_media_request_and_a_small_put_one_upload_request() {
        try (Storage s = open("one-request", Map.of())) {
            byte[] data = TestBytes.random(100_000, 3);
            s.put("warm", Content.of("token fetched"));
            emulator.clearRequestLog();
            s.put("k", Content.of(data));
            assertThat(emulator.requestLog()).singleElement().asString()
                    .startsWith("POST /upload/storage/v1/b/one-request/o").contains("uploadType=multipart");
            emulator.clearRequestLog();
            assertThat(s.getBytes("k")).isEqualTo(data);
            assertThat(emulator.requestLog()).singleElement().asString()
                    .startsWith("GET /download/storage/v1/b/one-request/o/k").contains("alt=media");
        }
    }

    @Test
    void a_download_corrupted_in_transit_fails_the_read() {
        try (Storage s = open("corrupt-read", Map.of("max-attempts", "1"))) {
            s.put("k", Content.of(TestBytes.random(300_000, 1)));
            emulator.corruptNextDownloads(1);
            assertThatThrownBy(() -> s.getBytes("k")).isInstanceOf(StorageException.class);
            assertThat(s.getBytes("k")).hasSize(300_000);
        }
    }

    @Test
    void an_upload_stored_with_other_bytes_than_sent_fails_and_leaves_no_object() {
        try (Storage s = open("corrupt-write", Map.of("chunk-size", "256KiB"))) {
            emulator.corruptNextUploads(1);
            assertThatThrownBy(() -> s.put("small", Content.of(TestBytes.random(1000, 2))))
                    .isInstanceOf(StorageException.class).hasMessageContaining("checksum mismatch");
            assertThat(s.exists("small")).isFalse();
            emulator.corruptNextUploads(1);
            assertThatThrownBy(() -> s.put("streamed", Content.of(TestBytes.stream(1 << 20, 2))))
                    .isInstanceOf(StorageException.class).hasMessageContaining("checksum mismatch");
            assertThat(s.exists("streamed")).isFalse();
        }
    }

    @Test
    void listing_pages_equal_the_memory_drivers_for_the_same_keys() {
        GcsDriver gcs = new GcsDriver(GcsTestDisks.emulated("lists", emulator, "lists", account, Map.of()));
        MemoryDriver memory = new MemoryDriver("mem");
        try {
            Random random = new Random(42);
            String[] parts = {"a", "b", "a/", "b/", "c/", "é", "z", "-", "/"};
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                StringBuilder k = new StringBuilder("t/");
                int n = 1 + random.nextInt(4);
                for (int j = 0; j < n; j++) {
                    k.append(parts[random.nextInt(parts.length)]);
                }
                if (k.toString().endsWith("/") || k.toString().contains("//")) {
                    k.append("x");
                }
                String key = k.toString().replace("//", "/q/");
                if (!keys.contains(key)) {
                    keys.add(key);
                    gcs.write(key, Content.of("v"), WriteOptions.of("text/plain"));
                    memory.write(key, Content.of("v"), WriteOptions.of("text/plain"));
                }
            }
            for (String prefix : List.of("", "t/", "t/a", "t/a/", "t/é")) {
                for (String delimiter : new String[] {null, "/"}) {
                    for (int limit : List.of(1, 2, 3, 7, 1000)) {
                        String cursor = null;
                        int pages = 0;
                        do {
                            ListQuery q = new ListQuery(prefix, delimiter, cursor, limit);
                            Page expected = memory.list(q);
                            Page actual = gcs.list(q);
                            assertThat(actual.objects()).as(q.toString()).extracting(ObjectInfo::key)
                                    .containsExactlyElementsOf(expected.objects().stream().map(ObjectInfo::key).toList());
                            assertThat(actual.prefixes()).as(q.toString()).containsExactlyElementsOf(expected.prefixes());
                            assertThat(actual.nextCursor()).as(q.toString()).isEqualTo(expected.nextCursor());
                            cursor = expected.nextCursor();
                        } while (cursor != null && ++pages < 200);
                    }
                }
            }
        } finally {
            gcs.close();
            memory.close();
        }
    }
}
