package dev.stowage.driver.gcs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The emulator speaks the documented JSON API, checked over raw HTTP (no client library in
 * between): status codes, headers and bodies as the reference pages give them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsEmulatorTest {
    private GcsEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        emulator = GcsEmulator.start();
        emulator.createBucket("raw");
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private JsonObject upload(String name, String data, String... query) throws Exception {
        String q = String.join("&", query);
        HttpResponse<String> r = send("POST", "/upload/storage/v1/b/raw/o?uploadType=media&name=" + name
                + (q.isEmpty() ? "" : "&" + q), "text/plain", data.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    @Test
    void a_missing_object_answers_404_with_googles_json_error_body() throws Exception {
        HttpResponse<String> r = send("GET", "/storage/v1/b/raw/o/nothing-here", null, null);
        assertThat(r.statusCode()).isEqualTo(404);
        JsonObject error = json(r).getAsJsonObject("error");
        assertThat(error.get("code").getAsInt()).isEqualTo(404);
        assertThat(error.getAsJsonArray("errors").get(0).getAsJsonObject().get("reason").getAsString()).isEqualTo("notFound");
    }

    @Test
    void a_resumable_upload_persists_whole_256_kib_units_answers_308_and_finishes_on_the_last_chunk() throws Exception {
        HttpResponse<String> start = send("POST", "/upload/storage/v1/b/raw/o?uploadType=resumable&name=resumable.bin",
                "application/json", "{}".getBytes(), "X-Upload-Content-Type", "application/x-test");
        assertThat(start.statusCode()).isEqualTo(200);
        String session = start.headers().firstValue("Location").orElseThrow().replace(emulator.endpoint(), "");
        byte[] data = new byte[700 * 1024];
        Arrays.fill(data, (byte) 7);
        int first = 300 * 1024;
        HttpResponse<String> chunk = send("PUT", session, null, Arrays.copyOfRange(data, 0, first),
                "Content-Range", "bytes 0-" + (first - 1) + "/*");
        assertThat(chunk.statusCode()).isEqualTo(308);
        assertThat(chunk.headers().firstValue("Range")).hasValue("bytes=0-" + (256 * 1024 - 1));
        assertThat(emulator.objectBytes("raw", "resumable.bin")).isEmpty();
        HttpResponse<String> status = send("PUT", session, null, new byte[0], "Content-Range", "bytes */*");
        assertThat(status.statusCode()).isEqualTo(308);
        assertThat(status.headers().firstValue("Range")).hasValue("bytes=0-" + (256 * 1024 - 1));
        int resumeAt = 256 * 1024;
        HttpResponse<String> last = send("PUT", session, null, Arrays.copyOfRange(data, resumeAt, data.length),
                "Content-Range", "bytes " + resumeAt + "-" + (data.length - 1) + "/" + data.length);
        assertThat(last.statusCode()).isEqualTo(200);
        JsonObject object = json(last);
        assertThat(object.get("size").getAsString()).isEqualTo(Integer.toString(data.length));
        assertThat(object.get("contentType").getAsString()).isEqualTo("application/x-test");
        assertThat(emulator.objectBytes("raw", "resumable.bin")).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
    }

    @Test
    void a_cancelled_resumable_upload_answers_499_and_leaves_nothing() throws Exception {
        HttpResponse<String> start = send("POST", "/upload/storage/v1/b/raw/o?uploadType=resumable&name=cancelled",
                "application/json", "{}".getBytes());
        String session = start.headers().firstValue("Location").orElseThrow().replace(emulator.endpoint(), "");
        send("PUT", session, null, new byte[256 * 1024], "Content-Range", "bytes 0-262143/*");
        assertThat(send("DELETE", session, null, null).statusCode()).isEqualTo(499);
        assertThat(emulator.objectBytes("raw", "cancelled")).isEmpty();
    }

    @Test
    void generation_preconditions_guard_writes_and_metageneration_guards_patches() throws Exception {
        JsonObject v1 = upload("pre", "one");
        String gen = v1.get("generation").getAsString();
        assertThat(send("POST", "/upload/storage/v1/b/raw/o?uploadType=media&name=pre&ifGenerationMatch=0", "text/plain",
                "x".getBytes()).statusCode()).isEqualTo(412);
        JsonObject v2 = upload("pre", "two", "ifGenerationMatch=" + gen);
        assertThat(Long.parseLong(v2.get("generation").getAsString())).isGreaterThan(Long.parseLong(gen));
        HttpResponse<String> patched = send("PATCH", "/storage/v1/b/raw/o/pre?ifMetagenerationMatch=1",
                "application/json", "{\"metadata\":{\"a\":\"b\"}}".getBytes());
        assertThat(json(patched).get("metageneration").getAsString()).isEqualTo("2");
        assertThat(send("PATCH", "/storage/v1/b/raw/o/pre?ifMetagenerationMatch=1", "application/json",
                "{\"metadata\":{\"a\":\"c\"}}".getBytes()).statusCode()).isEqualTo(412);
        assertThat(send("GET", "/storage/v1/b/raw/o/pre?alt=media&ifGenerationNotMatch=" + v2.get("generation").getAsString(),
                null, null).statusCode()).isEqualTo(304);
    }

    @Test
    void media_downloads_honour_ranges_and_send_x_goog_hash() throws Exception {
        JsonObject o = upload("ranged", "0123456789");
        HttpResponse<String> r = send("GET", "/storage/v1/b/raw/o/ranged?alt=media", null, null, "Range", "bytes=2-4");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo("234");
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
        assertThat(r.headers().firstValue("x-goog-hash")).hasValueSatisfying(
                h -> assertThat(h).contains("crc32c=" + o.get("crc32c").getAsString()));
        assertThat(send("GET", "/storage/v1/b/raw/o/ranged?alt=media", null, null, "Range", "bytes=-3").body()).isEqualTo("789");
        assertThat(send("GET", "/storage/v1/b/raw/o/ranged?alt=media", null, null, "Range", "bytes=10-").statusCode())
                .isEqualTo(416);
    }

    @Test
    void a_declared_crc32c_that_does_not_match_the_bytes_is_refused() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
                + "{\"name\":\"bad-crc\",\"crc32c\":\"AAAAAA==\"}\r\n--" + boundary
                + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = send("POST", "/upload/storage/v1/b/raw/o?uploadType=multipart",
                "multipart/related; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(emulator.objectBytes("raw", "bad-crc")).isEmpty();
    }

    @Test
    void max_results_counts_items_and_prefixes_together_and_page_tokens_continue() throws Exception {
        for (String n : new String[] {"l/a", "l/b/1", "l/b/2", "l/c", "l/d/1"}) {
            upload(n.replace("/", "%2F"), "x");
        }
        JsonObject page1 = json(send("GET", "/storage/v1/b/raw/o?prefix=l/&delimiter=/&maxResults=3", null, null));
        assertThat(page1.getAsJsonArray("items")).extracting(e -> e.getAsJsonObject().get("name").getAsString())
                .containsExactly("l/a", "l/c");
        assertThat(page1.getAsJsonArray("prefixes")).extracting(e -> e.getAsString()).containsExactly("l/b/");
        String token = page1.get("nextPageToken").getAsString();
        JsonObject page2 = json(send("GET", "/storage/v1/b/raw/o?prefix=l/&delimiter=/&maxResults=3&pageToken=" + token,
                null, null));
        assertThat(page2.getAsJsonArray("prefixes").get(0).getAsString()).isEqualTo("l/d/");
        assertThat(page2.has("nextPageToken")).isFalse();
    }

    @Test
    void compose_concatenates_sources_and_reports_a_component_count() throws Exception {
        upload("part1", "abc");
        upload("part2", "def");
        HttpResponse<String> r = send("POST", "/storage/v1/b/raw/o/whole/compose", "application/json",
                "{\"sourceObjects\":[{\"name\":\"part1\"},{\"name\":\"part2\"}],\"destination\":{\"contentType\":\"text/plain\"}}"
                        .getBytes());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("componentCount").getAsInt()).isEqualTo(2);
        assertThat(json(r).has("md5Hash")).isFalse();
        assertThat(emulator.objectBytes("raw", "whole")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("abcdef"));
    }

    @Test
    void unsigned_xml_requests_are_refused() throws Exception {
        upload("private", "p");
        assertThat(send("GET", "/raw/private", null, null).statusCode()).isEqualTo(403);
    }
}
