package dev.stowage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.Checksums;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** What the driver puts on the wire, as seen after signing, against the real server. */
class S3WireTest {

    static final class Recorder implements ExecutionInterceptor {
        final List<SdkHttpRequest> writes = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest || context.request() instanceof UploadPartRequest) {
                writes.add(context.httpRequest());
            }
        }
    }

    @Test
    void writes_over_plain_http_send_an_unsigned_plain_body_with_a_crc32c_header_and_no_expect_continue() {
        Recorder recorder = new Recorder();
        try (Storage storage = Stowage.wrap(new S3Driver(S3ProxyServer.disk("wire", Map.of()), List.of(recorder)))) {
            byte[] data = MultipartUploadTest.pattern(100_000, 11);
            storage.put("w/small.bin", Content.of(data));
            storage.put("w/large.bin", Content.of(MultipartUploadTest.pattern(20 << 20, 12)));

            assertThat(recorder.writes).hasSize(1 + 3);
            for (SdkHttpRequest r : recorder.writes) {
                assertThat(r.firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
                assertThat(r.firstMatchingHeader("Content-Encoding")).isEmpty();
                assertThat(r.firstMatchingHeader("x-amz-decoded-content-length")).isEmpty();
                assertThat(r.firstMatchingHeader("x-amz-checksum-crc32c")).isPresent();
                assertThat(r.firstMatchingHeader("Expect")).isEmpty();
            }
            assertThat(recorder.writes.get(0).firstMatchingHeader("x-amz-checksum-crc32c"))
                    .hasValue(Checksums.crc32c(data));
            assertThat(storage.getBytes("w/small.bin")).isEqualTo(data);
        }
    }

    @Test
    void the_ceph_preset_sends_no_flexible_checksum_and_the_sdk_default_signing_can_be_restored() {
        Recorder recorder = new Recorder();
        try (Storage storage = Stowage.wrap(new S3Driver(S3ProxyServer.disk("wire-ceph",
                Map.of("preset", "ceph", "unsigned-payload", "false")), List.of(recorder)))) {
            storage.put("w/ceph.bin", Content.of("rgw"));

            SdkHttpRequest r = recorder.writes.get(0);
            assertThat(r.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-amz-checksum-"));
            assertThat(r.firstMatchingHeader("x-amz-content-sha256")).hasValueSatisfying(
                    v -> assertThat(v).isNotEqualTo("UNSIGNED-PAYLOAD"));
            assertThat(storage.getString("w/ceph.bin")).isEqualTo("rgw");
        }
    }

    @Test
    void each_page_of_a_listing_costs_one_request() {
        java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.s3.model.ListObjectsV2Request) {
                    lists.incrementAndGet();
                }
            }
        };
        try (Storage storage = Stowage.wrap(new S3Driver(S3ProxyServer.disk("wire-list", Map.of()), List.of(counter)))) {
            for (int i = 0; i < 6; i++) {
                storage.put("l/" + i, Content.of("x"));
            }
            String cursor = null;
            int pages = 0;
            do {
                cursor = storage.list(dev.stowage.ListRequest.prefix("l/").limit(2).after(cursor)).nextCursor();
                pages++;
            } while (cursor != null);

            assertThat(pages).isEqualTo(3);
            assertThat(lists.get()).isEqualTo(3);
        }
    }
}
