package dev.stowage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An unknown-length stream larger than the heap of the JVM that uploads it: proves that the
 * multipart writer buffers at most parallelism × part size, whatever the length.
 */
class ConstantMemoryUploadTest {

    private static final long SIZE = 40L << 20;

    @Test
    void an_unknown_length_40_MiB_stream_uploads_from_a_jvm_with_a_96_MiB_heap() throws Exception {
        try (Storage storage = Stowage.open(S3ProxyServer.disk("heap", Map.of()))) {
            S3Driver driver = storage.unwrap(S3Driver.class);
            String java = ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), ConstantMemoryUpload.class.getName(),
                    S3ProxyServer.endpoint().toString(), driver.bucket(), "stream/40mib.bin", Long.toString(SIZE)));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream out = child.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("OK " + SIZE);
            assertThat(storage.stat("stream/40mib.bin").size()).isEqualTo(SIZE);
            MessageDigest stored = MessageDigest.getInstance("SHA-256");
            try (InputStream in = storage.open("stream/40mib.bin")) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    stored.update(buf, 0, n);
                }
            }
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            try (InputStream in = ConstantMemoryUpload.generated(SIZE, 42)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    expected.update(buf, 0, n);
                }
            }
            assertThat(stored.digest()).isEqualTo(expected.digest());
            assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
        }
    }
}
