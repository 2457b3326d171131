package dev.stowage.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.SignedUrlOptions;
import dev.stowage.url.SignatureRejectedException.Rejection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlSignerTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private static final String SECRET = "a-test-secret-of-enough-length";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock(T0);
    private final UrlSigner signer = new UrlSigner(SECRET.getBytes(StandardCharsets.UTF_8), clock);

    /** What a server sees: method, disk and key decoded from the path, and the query. */
    private record Parts(String disk, String key, Map<String, String> query) {
        static Parts of(URI url) {
            String rest = url.getRawPath().substring("/files/".length());
            int slash = rest.indexOf('/');
            return new Parts(UrlEncoding.decode(rest.substring(0, slash)), UrlEncoding.decode(rest.substring(slash + 1)),
                    UrlSigner.parseQuery(url.getRawQuery()));
        }

        Parts with(String name, String value) {
            Map<String, String> q = new LinkedHashMap<>(query);
            if (value == null) {
                q.remove(name);
            } else {
                q.put(name, value);
            }
            return new Parts(disk, key, q);
        }
    }

    private SignedRequest verify(String method, Parts p) throws SignatureRejectedException {
        return signer.verify(method, p.disk(), p.key(), p.query());
    }

    private Rejection rejection(String method, Parts p) {
        try {
            signer.verify(method, p.disk(), p.key(), p.query());
        } catch (SignatureRejectedException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            return e.rejection();
        }
        throw new AssertionError("the URL was accepted");
    }

    private Parts signedGet(String key, String downloadName) {
        SignedUrlOptions options = SignedUrlOptions.get(Duration.ofMinutes(5));
        return Parts.of(signer.sign(BASE, "uploads", key, downloadName == null ? options : options.download(downloadName)));
    }

    private Parts signedPut(String key, String contentType) {
        return Parts.of(signer.sign(BASE, "uploads", key, SignedUrlOptions.put(Duration.ofMinutes(5)).contentType(contentType)));
    }

    @Test
    void a_signed_url_verifies_and_says_what_it_allows() throws Exception {
        SignedRequest r = verify("GET", signedGet("avatars/ünï cödé+1.png", "me & you.png"));
        assertThat(r.method()).isEqualTo(SignedUrlOptions.Method.GET);
        assertThat(r.disk()).isEqualTo("uploads");
        assertThat(r.key()).isEqualTo("avatars/ünï cödé+1.png");
        assertThat(r.downloadName()).isEqualTo("me & you.png");
        assertThat(r.expires()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        SignedRequest put = verify("PUT", signedPut("in/x.csv", "text/csv; charset=utf-8"));
        assertThat(put.contentType()).isEqualTo("text/csv; charset=utf-8");
    }

    @Test
    void the_url_has_the_served_shape() {
        URI url = signer.sign(URI.create("https://files.example.test/base/"), "my disk", "a b/c+d.txt",
                SignedUrlOptions.get(Duration.ofSeconds(60)));
        assertThat(url.getRawPath()).isEqualTo("/base/files/my%20disk/a%20b/c%2Bd.txt");
        assertThat(url.getRawQuery()).startsWith("X-Stowage-Method=GET&X-Stowage-Expires=" + (T0.getEpochSecond() + 60))
                .contains("X-Stowage-Signature=");
    }

    @Test
    void changing_the_method_parameter_breaks_the_signature() {
        assertThat(rejection("PUT", signedGet("k", null).with(UrlSigner.METHOD, "PUT"))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void changing_the_disk_breaks_the_signature() {
        Parts p = signedGet("k", null);
        assertThat(rejection("GET", new Parts("other", p.key(), p.query()))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void changing_the_key_breaks_the_signature() {
        Parts p = signedGet("docs/a.txt", null);
        assertThat(rejection("GET", new Parts(p.disk(), "docs/b.txt", p.query()))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("GET", new Parts(p.disk(), "docs/a.txt/", p.query()))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("GET", new Parts(p.disk(), "docs/A.txt", p.query()))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void changing_the_expiry_breaks_the_signature() {
        Parts p = signedGet("k", null);
        long expires = Long.parseLong(p.query().get(UrlSigner.EXPIRES));
        assertThat(rejection("GET", p.with(UrlSigner.EXPIRES, Long.toString(expires + 3600)))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void changing_adding_or_removing_the_filename_breaks_the_signature() {
        Parts named = signedGet("k", "a.pdf");
        assertThat(rejection("GET", named.with(UrlSigner.FILENAME, "b.pdf"))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("GET", named.with(UrlSigner.FILENAME, null))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("GET", signedGet("k", null).with(UrlSigner.FILENAME, "evil.exe"))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void changing_adding_or_removing_the_content_type_breaks_the_signature() {
        Parts typed = signedPut("k", "text/csv");
        assertThat(rejection("PUT", typed.with(UrlSigner.CONTENT_TYPE, "text/html"))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("PUT", typed.with(UrlSigner.CONTENT_TYPE, null))).isEqualTo(Rejection.BAD_SIGNATURE);
        Parts untyped = Parts.of(signer.sign(BASE, "uploads", "k", SignedUrlOptions.put(Duration.ofMinutes(5))));
        assertThat(rejection("PUT", untyped.with(UrlSigner.CONTENT_TYPE, "text/html"))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void changing_the_signature_is_refused() {
        Parts p = signedGet("k", null);
        String sig = p.query().get(UrlSigner.SIGNATURE);
        char last = sig.charAt(sig.length() - 1);
        String flipped = sig.substring(0, sig.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(rejection("GET", p.with(UrlSigner.SIGNATURE, flipped))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("GET", p.with(UrlSigner.SIGNATURE, sig.substring(1)))).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(rejection("GET", p.with(UrlSigner.SIGNATURE, sig + "A"))).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void missing_or_malformed_parameters_are_named() {
        Parts p = signedGet("k", null);
        assertThat(rejection("GET", p.with(UrlSigner.SIGNATURE, null))).isEqualTo(Rejection.MISSING_PARAMETER);
        assertThat(rejection("GET", p.with(UrlSigner.EXPIRES, null))).isEqualTo(Rejection.MISSING_PARAMETER);
        assertThat(rejection("GET", p.with(UrlSigner.METHOD, null))).isEqualTo(Rejection.MISSING_PARAMETER);
        assertThat(rejection("GET", p.with(UrlSigner.SIGNATURE, ""))).isEqualTo(Rejection.MISSING_PARAMETER);
        assertThat(rejection("GET", p.with(UrlSigner.EXPIRES, "soon"))).isEqualTo(Rejection.MALFORMED);
        assertThat(rejection("GET", p.with(UrlSigner.METHOD, "DELETE"))).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void a_url_is_valid_until_its_expiry_and_refused_from_then_on() throws Exception {
        Parts p = signedGet("k", null);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(verify("GET", p).key()).isEqualTo("k");
        clock.advance(Duration.ofSeconds(1));
        assertThat(rejection("GET", p)).isEqualTo(Rejection.EXPIRED);
        clock.advance(Duration.ofDays(30));
        assertThat(rejection("GET", p)).isEqualTo(Rejection.EXPIRED);
    }

    @Test
    void a_url_is_valid_for_at_least_the_requested_time_even_mid_second() throws Exception {
        clock.advance(Duration.ofMillis(900));
        Parts p = Parts.of(signer.sign(BASE, "uploads", "k", SignedUrlOptions.get(Duration.ofSeconds(1))));
        clock.advance(Duration.ofMillis(999));
        assertThat(verify("GET", p).key()).isEqualTo("k");
        clock.advance(Duration.ofMillis(101));
        assertThat(rejection("GET", p)).isEqualTo(Rejection.EXPIRED);
    }

    @Test
    void a_url_signed_with_another_secret_is_refused() {
        UrlSigner other = new UrlSigner("another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8), clock);
        Parts p = Parts.of(other.sign(BASE, "uploads", "k", SignedUrlOptions.get(Duration.ofMinutes(5))));
        assertThat(rejection("GET", p)).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void head_counts_as_get_and_other_methods_are_refused() throws Exception {
        Parts get = signedGet("k", null);
        assertThat(verify("HEAD", get).method()).isEqualTo(SignedUrlOptions.Method.GET);
        assertThat(verify("get", get).method()).isEqualTo(SignedUrlOptions.Method.GET);
        assertThat(rejection("PUT", get)).isEqualTo(Rejection.WRONG_METHOD);
        assertThat(rejection("DELETE", get)).isEqualTo(Rejection.WRONG_METHOD);
        Parts put = signedPut("k", "text/plain");
        assertThat(rejection("GET", put)).isEqualTo(Rejection.WRONG_METHOD);
        assertThat(rejection("HEAD", put)).isEqualTo(Rejection.WRONG_METHOD);
    }

    @Test
    void short_secrets_are_refused_and_the_secret_is_never_printed() {
        assertThatThrownBy(() -> UrlSigner.ofSecret("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> new UrlSigner(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.toString()).doesNotContain(SECRET).contains("****");
    }

    @Test
    void parse_query_decodes_names_and_values_and_keeps_the_first_duplicate() {
        Map<String, String> q = UrlSigner.parseQuery("a=1%202&b=%E2%9C%93&a=3&flag&plus=a+b");
        assertThat(q).containsEntry("a", "1 2").containsEntry("b", "✓").containsEntry("flag", "").containsEntry("plus", "a+b");
        assertThat(UrlSigner.parseQuery(null)).isEmpty();
        assertThat(UrlSigner.parseQuery("")).isEmpty();
        assertThatThrownBy(() -> UrlSigner.parseQuery("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_duplicated_parameter_cannot_override_the_signed_one() {
        URI url = signer.sign(BASE, "uploads", "k", SignedUrlOptions.get(Duration.ofMinutes(5)).download("a.pdf"));
        URI smuggled = URI.create(url + "&" + UrlSigner.FILENAME + "=evil.exe");
        Parts p = Parts.of(smuggled);
        assertThat(p.query().get(UrlSigner.FILENAME)).isEqualTo("a.pdf");
    }
}
