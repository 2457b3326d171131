package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stowage serve, in-process on port 0: health, a signed URL of the local disk, upload limits. */
class ServeCommandTest {
    private static final Pattern URL = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A running serve command: its thread, its output and its URL. */
    private record Running(Thread thread, ByteArrayOutputStream out, AtomicInteger code, URI url) {
        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private Running serve(Disks disks, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConfiguredDisks catalog = new ConfiguredDisks(dir, Map.of());
        CliContext ctx = new CliContext(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir, disks, catalog);
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = Thread.ofPlatform().name("serve").start(() -> code.set(StowageCli.execute(ctx, args)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return new Running(t, out, code, URI.create(m.group(1)));
            }
            if (!t.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start: " + out.toString(StandardCharsets.UTF_8) + err);
    }

    @Test
    void without_configuration_it_serves_the_local_storage_folder_and_its_signed_urls() throws Exception {
        try (Cli cli = new Cli(dir)) {
            Files.writeString(dir.resolve("hello.txt"), "hello over http");
            assertThat(cli.run("put", "hello.txt", "docs/hello.txt").exitCode()).isZero();
        }
        Running server = serve(new Disks(), "serve", "--port", "0");
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.url().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> signed = http.send(HttpRequest.newBuilder(server.url().resolve(
                    "/api/disks/local/signed-urls")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"key\": \"docs/hello.txt\", \"method\": \"GET\", "
                            + "\"expiresInSeconds\": 900}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(server.out().toString(StandardCharsets.UTF_8)).contains("serving local on http://127.0.0.1:");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("local");
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            Matcher url = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(signed.body());
            assertThat(url.find()).as(signed.body()).isTrue();
            assertThat(url.group(1)).startsWith(server.url() + "/files/local/");
            HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(url.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo("hello over http");
        } finally {
            server.stop();
        }
        assertThat(server.thread().isAlive()).isFalse();
        assertThat(server.code().get()).isZero();
    }

    @Test
    void upload_limits_come_from_disk_settings() throws Exception {
        Files.writeString(dir.resolve("stowage.properties"), """
                stowage.disks.up.driver=memory
                stowage.disks.up.max-upload-size=10
                stowage.disks.up.allowed-types=text/*
                """);
        Running server = serve(new Disks(), "serve", "--port", "0");
        try {
            HttpResponse<String> big = http.send(HttpRequest.newBuilder(server.url().resolve("/api/disks/up/objects/big.txt"))
                    .header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("more than ten bytes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> type = http.send(HttpRequest.newBuilder(server.url().resolve("/api/disks/up/objects/x.bin"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofString("tiny")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(server.url().resolve("/api/disks/up/objects/ok.txt"))
                    .header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("fine")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
            assertThat(type.statusCode()).as(type.body()).isEqualTo(415);
            assertThat(ok.statusCode()).as(ok.body()).isIn(200, 201);
        } finally {
            server.stop();
        }
    }

    @Test
    void sizes_parse_with_binary_units() {
        assertThat(ServeCommand.parseSize("d", "1048576")).isEqualTo(1 << 20);
        assertThat(ServeCommand.parseSize("d", "10MB")).isEqualTo(10L << 20);
        assertThat(ServeCommand.parseSize("d", "2GiB")).isEqualTo(2L << 30);
    }
}
