package dev.stowage.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.driver.memory.MemoryDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowageServerTest {
    private static final String SECRET = "a-test-signing-secret-of-32-bytes!";

    private final HttpClient http = HttpClient.newHttpClient();
    private StorageManager manager;
    private Storage files;
    private Storage images;
    private StowageServer server;
    private URI base;

    @BeforeAll
    void start() {
        OperationMetrics metrics = new OperationMetrics();
        manager = StorageManager.of(StowageConfig.builder().noPropertiesFile().environment(Map.of())
                .disk("files", "memory", Map.of("signing-secret", SECRET)).disk("images", "memory", Map.of())
                .disk("tenant", "memory", Map.of("signing-secret", SECRET, "prefix", "tenants/a/"))
                .defaultDisk("files").build(), List.of(metrics));
        files = manager.disk("files");
        images = manager.disk("images");
        server = StowageServer.builder().disks(DiskDirectory.of(manager)).metrics(metrics).port(0)
                .policy("images", new DiskPolicy(1000, Set.of("image/*"))).start();
        base = server.baseUri();
    }

    @AfterAll
    void stop() {
        server.close();
        manager.close();
    }

    @BeforeEach
    void clear() {
        files.unwrap(MemoryDriver.class).clear();
        images.unwrap(MemoryDriver.class).clear();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    @Test
    void listing_disks_names_each_with_its_capabilities() throws Exception {
        HttpResponse<String> r = send(request("/api/disks"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"files\"", "\"name\":\"images\"", "SIGNED_GET");
    }

    @Test
    void an_uploaded_object_downloads_byte_identical_with_its_headers() throws Exception {
        HttpResponse<String> put = send(request("/api/disks/files/objects/docs/h%C3%A9llo%20world.txt")
                .header("Content-Type", "text/plain").header("X-Stowage-Meta-Owner", "ann")
                .PUT(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(files.stat("docs/héllo world.txt").metadata()).containsEntry("owner", "ann");

        HttpResponse<String> get = send(request("/api/disks/files/objects/docs/h%C3%A9llo%20world.txt"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello");
        assertThat(get.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(get.headers().firstValue("ETag")).isPresent();
        assertThat(get.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void a_matching_if_none_match_answers_304() throws Exception {
        files.put("a.txt", Content.of("abc"));
        String etag = send(request("/api/disks/files/objects/a.txt")).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = send(request("/api/disks/files/objects/a.txt").header("If-None-Match", etag));
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void ranges_answer_206_with_content_range_and_unsatisfiable_ones_416() throws Exception {
        files.put("r.bin", Content.of("0123456789"));
        HttpResponse<String> mid = send(request("/api/disks/files/objects/r.bin").header("Range", "bytes=2-4"));
        assertThat(mid.statusCode()).isEqualTo(206);
        assertThat(mid.body()).isEqualTo("234");
        assertThat(mid.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
        HttpResponse<String> suffix = send(request("/api/disks/files/objects/r.bin").header("Range", "bytes=-3"));
        assertThat(suffix.body()).isEqualTo("789");
        HttpResponse<String> open = send(request("/api/disks/files/objects/r.bin").header("Range", "bytes=7-"));
        assertThat(open.body()).isEqualTo("789");
        HttpResponse<String> huge = send(request("/api/disks/files/objects/r.bin")
                .header("Range", "bytes=999999999999999999999-"));
        assertThat(huge.statusCode()).isEqualTo(416);
        assertThat(huge.headers().firstValue("Content-Range")).hasValue("bytes */10");
        HttpResponse<String> multi = send(request("/api/disks/files/objects/r.bin").header("Range", "bytes=0-1,3-4"));
        assertThat(multi.statusCode()).isEqualTo(200);
        assertThat(multi.body()).isEqualTo("0123456789");
    }

    @Test
    void head_answers_the_headers_without_a_body() throws Exception {
        files.put("h.txt", Content.of("12345"));
        HttpResponse<String> r = send(request("/api/disks/files/objects/h.txt")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("5");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void listing_objects_returns_folders_and_a_cursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            files.put("dir/f" + i, Content.of("x"));
        }
        files.put("dir/sub/deep", Content.of("x"));
        HttpResponse<String> r = send(request("/api/disks/files/objects?prefix=dir/&limit=3"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"key\":\"dir/f0\"", "\"nextCursor\":\"dir/f2\"");
        HttpResponse<String> next = send(request("/api/disks/files/objects?prefix=dir/&limit=10&cursor=dir/f2"));
        assertThat(next.body()).contains("dir/f3", "dir/f4", "\"prefixes\":[\"dir/sub/\"]", "\"nextCursor\":null");
    }

    @Test
    void create_only_uploads_answer_412_when_the_key_exists() throws Exception {
        files.put("once.txt", Content.of("first"));
        HttpResponse<String> r = send(request("/api/disks/files/objects/once.txt").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("second")));
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(r.body()).contains("ObjectAlreadyExistsException", "once.txt");
        assertThat(files.getString("once.txt")).isEqualTo("first");
    }

    @Test
    void uploads_over_the_disk_limit_answer_413_and_store_nothing() throws Exception {
        HttpResponse<String> r = send(request("/api/disks/images/objects/big.png").header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(images.exists("big.png")).isFalse();
    }

    @Test
    void uploads_of_a_disallowed_type_answer_415_and_store_nothing() throws Exception {
        HttpResponse<String> r = send(request("/api/disks/images/objects/x.exe")
                .header("Content-Type", "application/x-msdownload").PUT(HttpRequest.BodyPublishers.ofString("MZ")));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("image/*");
        assertThat(images.exists("x.exe")).isFalse();
    }

    @Test
    void invalid_keys_answer_400_naming_the_rule() throws Exception {
        HttpResponse<String> r = send(request("/api/disks/files/objects/a/%2E%2E/b")
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'..'");
    }

    @Test
    void delete_answers_204_then_404() throws Exception {
        files.put("d.txt", Content.of("x"));
        assertThat(send(request("/api/disks/files/objects/d.txt").DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(request("/api/disks/files/objects/d.txt").DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void copy_and_move_work_through_the_api() throws Exception {
        files.put("src.txt", Content.of("data"), PutOptions.builder().metadata("k", "v").build());
        HttpResponse<String> copy = send(request("/api/disks/files/copy").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"src.txt\",\"to\":\"copy.txt\"}")));
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(files.stat("copy.txt").metadata()).containsEntry("k", "v");
        send(request("/api/disks/files/copy").POST(
                HttpRequest.BodyPublishers.ofString("{\"from\":\"copy.txt\",\"to\":\"moved.txt\",\"move\":true}")));
        assertThat(files.exists("copy.txt")).isFalse();
        assertThat(files.getString("moved.txt")).isEqualTo("data");
    }

    @Test
    void signed_get_urls_serve_the_object_with_ranges_and_the_download_name() throws Exception {
        files.put("report.pdf", Content.of("%PDF-1.7 hello"));
        URI url = signedFor(files.signedUrl("report.pdf", SignedUrlOptions.get(Duration.ofMinutes(5))
                .download("Q3 report.pdf")));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("%PDF-1.7 hello");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment",
                "Q3 report.pdf");
        HttpResponse<String> range = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=0-3").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("%PDF");
    }

    @Test
    void signed_put_urls_accept_an_upload_of_the_signed_type_only() throws Exception {
        URI url = signedFor(files.signedUrl("in/upload.txt", SignedUrlOptions.put(Duration.ofMinutes(5))
                .contentType("text/plain")));
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(url).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(403);
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("uploaded")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(files.getString("in/upload.txt")).isEqualTo("uploaded");
    }

    @Test
    void tampered_signed_urls_answer_403_with_the_reason_and_not_the_secret() throws Exception {
        files.put("secret.txt", Content.of("x"));
        URI url = signedFor(files.signedUrl("secret.txt", SignedUrlOptions.get(Duration.ofMinutes(5))));
        URI tampered = URI.create(url.toString().replace("secret.txt", "other.txt"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(tampered).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("BAD_SIGNATURE").doesNotContain(SECRET);
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(403);
        assertThat(wrongMethod.body()).contains("WRONG_METHOD");
    }

    @Test
    void signed_urls_of_a_prefixed_disk_resolve_inside_its_prefix() throws Exception {
        Storage tenant = manager.disk("tenant");
        tenant.put("doc.txt", Content.of("tenant data"));
        URI url = signedFor(tenant.signedUrl("doc.txt", SignedUrlOptions.get(Duration.ofMinutes(5))));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("tenant data");
    }

    @Test
    void the_api_creates_signed_urls() throws Exception {
        files.put("s.txt", Content.of("signed"));
        HttpResponse<String> r = send(request("/api/disks/files/signed-urls").POST(HttpRequest.BodyPublishers
                .ofString("{\"key\":\"s.txt\",\"method\":\"GET\",\"expiresInSeconds\":60}")));
        assertThat(r.statusCode()).isEqualTo(200);
        String url = r.body().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(signedFor(URI.create(url))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).isEqualTo("signed");
    }

    @Test
    void health_reports_every_disk_up() throws Exception {
        HttpResponse<String> r = send(request("/health"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"", "\"files\"", "\"images\"");
    }

    @Test
    void metrics_count_operations_per_disk_in_prometheus_format() throws Exception {
        files.put("m.txt", Content.of("12345"));
        send(request("/api/disks/files/objects/m.txt"));
        send(request("/api/disks/files/objects/missing.txt"));
        HttpResponse<String> r = send(request("/metrics"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("stowage_operations_seconds_count{disk=\"files\",error=\"none\",operation=\"read\"",
                "stowage_bytes_total{disk=\"files\",operation=\"read\"}",
                "stowage_operations_seconds_count{disk=\"files\",error=\"ObjectNotFoundException\",operation=\"stat\",outcome=\"not_found\"}");
    }

    @Test
    void the_browser_ui_and_its_assets_are_served_by_the_server() throws Exception {
        assertThat(send(request("/")).body()).contains("<title>Stowage</title>");
        assertThat(send(request("/assets/app.js")).statusCode()).isEqualTo(200);
        assertThat(send(request("/assets/../../etc/passwd")).statusCode()).isEqualTo(404);
    }

    @Test
    void a_server_with_a_token_refuses_the_api_without_it() throws Exception {
        try (StowageServer secured = StowageServer.builder().disks(DiskDirectory.of(Map.of("files", files))).port(0)
                .token("s3cr3t-token").start()) {
            URI b = secured.baseUri();
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(b.resolve("/api/disks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(b.resolve("/api/disks"))
                    .header("Authorization", "Bearer s3cr3t-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(b.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_server_bound_beyond_loopback_generates_a_token() {
        try (StowageServer open = StowageServer.builder().disks(DiskDirectory.of(Map.of("files", files)))
                .host("0.0.0.0").port(0).start()) {
            assertThat(open.generatedToken()).hasValueSatisfying(t -> assertThat(t).hasSizeGreaterThan(20));
        }
    }

    /** Signed URLs name the disk's configured base URL; point them at this test's server. */
    private URI signedFor(URI signed) {
        return URI.create(base + signed.getRawPath() + "?" + signed.getRawQuery());
    }
}
