package dev.stowage.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.StorageConfigurationException;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings and URIs, checked before anything is sent (no server needed). */
class AzureSettingsTest {
    private static final String SECRET = "c2VjcmV0LWtleS1ub2JvZHktc2hvdWxkLXNlZQ==";

    private static DiskConfig config(Map<String, String> settings) {
        return DiskConfig.of("d", "azure", settings);
    }

    @Test
    void an_az_uri_names_the_container_prefix_and_settings() {
        DiskConfig c = new AzureDriverProvider().configFromUri("d",
                URI.create("az://media/tenant/1?account=acct&block-size=8MiB"));
        AzureSettings s = AzureSettings.from(c);
        assertThat(s.container()).isEqualTo("media");
        assertThat(s.prefix()).isEqualTo("tenant/1/");
        assertThat(s.blockSize()).isEqualTo(8 << 20);
        assertThat(s.serviceEndpoint()).isEqualTo("https://acct.blob.core.windows.net");
        assertThat(Stowage.provider("azure")).isPresent();
        assertThat(Stowage.provider("az")).isPresent();
    }

    @Test
    void two_ways_of_authenticating_are_refused_without_printing_either_secret() {
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "account-key", SECRET, "sas-token", "sv=2024&sig=" + SECRET))))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("only one")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void missing_or_invalid_settings_say_what_to_change() {
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("account", "acct"))))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("container");
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media"))))
                .hasMessageContaining("account");
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "Bad_Name", "account", "a"))))
                .hasMessageContaining("not a valid Azure container name");
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media", "account-key", SECRET,
                "endpoint", "http://127.0.0.1:1/x")))).hasMessageContaining("needs 'account'");
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media", "account", "a",
                "credential", "managed")))).hasMessageContaining("'default'");
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media", "account", "a",
                "block-size", "1k")))).hasMessageContaining("block-size");
    }

    @Test
    void the_settings_and_the_driver_never_print_secrets() {
        AzureSettings s = AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "account-key", SECRET)));
        assertThat(s.toString()).doesNotContain(SECRET).contains("shared key");
        assertThat(config(Map.of("account-key", SECRET, "sas-token", "sig=" + SECRET,
                "connection-string", "AccountKey=" + SECRET)).toString()).doesNotContain(SECRET);
    }

    @Test
    void a_disk_without_a_key_or_aad_credential_does_not_offer_signed_urls() {
        try (var storage = Stowage.open(config(Map.of("container", "media", "account", "acct",
                "sas-token", "sv=2024-01-01&sig=abc")))) {
            assertThat(storage.capabilities().supports(dev.stowage.Capability.SIGNED_GET)).isFalse();
            assertThat(storage.capabilities().supports(dev.stowage.Capability.TAG_SEARCH)).isTrue();
        }
    }

    @Test
    void credential_default_without_azure_identity_names_the_artifact_to_add() {
        assertThatThrownBy(() -> Stowage.open(config(Map.of("container", "media", "account", "acct",
                "credential", "default")))).isInstanceOf(StorageConfigurationException.class)
                .hasMessageContaining("com.azure:azure-identity");
    }

    @Test
    void an_unreachable_endpoint_is_a_retryable_unavailable_error() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (var storage = Stowage.open(config(Map.of("container", "media", "account", Azurite.ACCOUNT,
                "account-key", Azurite.KEY, "endpoint", "http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT,
                "max-retries", "0")))) {
            assertThatThrownBy(() -> storage.stat("k")).isInstanceOf(dev.stowage.StorageUnavailableException.class)
                    .satisfies(e -> assertThat(((dev.stowage.StorageException) e).retryable()).isTrue())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Azurite.KEY));
        }
    }

    @Test
    void the_upload_md5_is_sent_by_default_only_over_plain_http_across_a_network() {
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct"))).uploadMd5())
                .as("https: TLS authenticates the bytes").isFalse();
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "endpoint", "http://10.0.0.7:10000/acct"))).uploadMd5()).isTrue();
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "endpoint", "http://127.0.0.1:10000/acct"))).uploadMd5()).as("loopback").isFalse();
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "endpoint", "https://127.0.0.1:10000/acct", "upload-md5", "always"))).uploadMd5()).isTrue();
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "endpoint", "http://10.0.0.7:10000/acct", "upload-md5", "never"))).uploadMd5()).isFalse();
        assertThat(AzureSettings.from(config(Map.of("container", "media", "connection-string",
                "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=" + SECRET
                        + ";BlobEndpoint=http://storage.internal:10000/a"))).uploadMd5()).isTrue();
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "upload-md5", "sometimes")))).isInstanceOf(StorageConfigurationException.class)
                .hasMessageContaining("upload-md5");
    }

    @Test
    void the_http_client_is_blocking_by_default_and_netty_on_request() {
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct"))).blockingHttp()).isTrue();
        assertThat(AzureSettings.from(config(Map.of("container", "media", "account", "acct", "http-client", "netty")))
                .blockingHttp()).isFalse();
        assertThatThrownBy(() -> AzureSettings.from(config(Map.of("container", "media", "account", "acct",
                "http-client", "okhttp")))).hasMessageContaining("http-client");
    }
}
