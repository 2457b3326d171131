package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlSignTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    Cli cli;
    String disk;
    String name;

    @BeforeEach
    void open() {
        cli = new Cli(dir);
        name = "t" + UUID.randomUUID().toString().substring(0, 8);
        disk = "memory://" + name;
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void url_prints_the_public_url_of_the_key() {
        Cli.Result url = cli.run("url", disk + "/avatars/42 x.png");

        assertThat(url.exitCode()).as(url.toString()).isZero();
        assertThat(url.out()).isEqualTo("http://127.0.0.1:8080/public/" + name + "/avatars/42%20x.png\n");
    }

    @Test
    void url_takes_disk_settings_from_the_query() {
        Cli.Result url = cli.run("url", disk + "/a.png?public-url=https://cdn.example.com/files");

        assertThat(url.out()).isEqualTo("https://cdn.example.com/files/a.png\n");
    }

    @Test
    void sign_prints_a_download_url_with_expiry_and_download_name() {
        Cli.Result sign = cli.run("sign", disk + "/r.pdf?signing-secret=" + SECRET, "--expires", "2h",
                "--download-name", "report.pdf");

        assertThat(sign.exitCode()).as(sign.toString()).isZero();
        URI uri = URI.create(sign.out().strip());
        assertThat(uri.getScheme()).isEqualTo("http");
        assertThat(uri.getRawQuery()).isNotBlank();
        assertThat(sign.out()).contains("r.pdf").contains("report.pdf").doesNotContain(SECRET);
    }

    @Test
    void sign_put_makes_an_upload_url_that_differs_from_the_download_url() {
        String location = disk + "/up.bin?signing-secret=" + SECRET;
        Cli.Result get = cli.run("sign", location);
        Cli.Result put = cli.run("sign", "--put", "--content-type", "application/pdf", location);

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(put.out()).isNotEqualTo(get.out()).contains("up.bin");
    }

    @Test
    void sign_rejects_a_malformed_or_too_long_expiry_as_a_usage_error() {
        Cli.Result malformed = cli.run("sign", disk + "/k", "--expires", "soon");
        Cli.Result tooLong = cli.run("sign", disk + "/k", "--expires", "8d");

        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("stowage: --expires must look like 30s, 15m, 2h, 7d or PT15M, got 'soon'\n");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).startsWith("stowage: expiry must be between 1 second and 7 days");
    }

    @Test
    void sign_options_that_do_not_fit_the_method_are_usage_errors() {
        assertThat(cli.run("sign", "--put", "--download-name", "x", disk + "/k").exitCode()).isEqualTo(2);
        assertThat(cli.run("sign", "--content-type", "text/plain", disk + "/k").exitCode()).isEqualTo(2);
    }

    @Test
    void errors_never_print_secret_settings() {
        Cli.Result bad = cli.run("sign", disk + "?signing-secret=" + SECRET);

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).doesNotContain(SECRET).contains("signing-secret=****");
    }

    @Test
    void a_disk_that_fails_to_open_does_not_quote_its_secret_even_with_debug() {
        String secret = "s3cr3t with space";
        Cli.Result bad = cli.run("--debug", "cat", disk + "/k?signing-secret=" + secret);

        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.err()).startsWith("stowage: ").contains("not a valid URI").contains("****")
                .doesNotContain(secret).contains("\tat ");
    }
}
