package dev.stowage.driver.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.stowage.StorageConfigurationException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Locale;

/**
 * The SDK clients of one disk, built from its settings: a sync container client for everything but
 * streaming reads, an async one (same settings) whose body publisher makes reads stream, and the
 * service client that user-delegation SAS needs. Knows which kind of signing the credential allows.
 *
 * @param container the sync container client
 * @param asyncContainer the async container client, for streaming downloads
 * @param service the service client (user-delegation keys)
 * @param tokenCredential the AAD credential when {@code credential=default}, else {@code null}
 * @param canSignWithKey whether the clients hold a shared key ({@code generateSas} works)
 * @param blockingHttp the blocking transport both clients use for plain http, or {@code null} (Netty only)
 */
record AzureClients(
        BlobContainerClient container,
        BlobContainerAsyncClient asyncContainer,
        BlobServiceClient service,
        TokenCredential tokenCredential,
        boolean canSignWithKey,
        BlockingHttpClient blockingHttp) {

    static AzureClients build(AzureSettings s) {
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().containerName(s.container())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, s.maxRetries() + 1,
                        (Duration) null, Duration.ofMillis(200), Duration.ofSeconds(10), null));
        BlockingHttpClient blocking = s.blockingHttp() ? new BlockingHttpClient(HttpClient.createDefault()) : null;
        if (blocking != null) {
            builder.httpClient(blocking);
        }
        TokenCredential token = null;
        boolean key = false;
        if (s.connectionString() != null) {
            try {
                builder.connectionString(s.connectionString());
            } catch (IllegalArgumentException e) {
                // the SDK's message may quote the string: do not pass it on
                throw new StorageConfigurationException(s.disk(), "connection-string is not a valid Azure Storage "
                        + "connection string");
            }
            String lower = s.connectionString().toLowerCase(Locale.ROOT);
            key = lower.contains("accountkey=") || lower.contains("usedevelopmentstorage=true");
            if (s.endpoint() != null) {
                builder.endpoint(s.endpoint() + "/" + s.container());
            }
        } else {
            builder.endpoint(s.serviceEndpoint() + "/" + s.container());
            if (s.accountKey() != null) {
                try {
                    builder.credential(new StorageSharedKeyCredential(s.account(), s.accountKey()));
                } catch (IllegalArgumentException e) {
                    throw new StorageConfigurationException(s.disk(), "account-key is not valid Base64");
                }
                key = true;
            } else if (s.sasToken() != null) {
                builder.sasToken(s.sasToken());
            } else if (s.credential() != null) {
                token = defaultAzureCredential(s.disk());
                builder.credential(token);
            } else {
                builder.setAnonymousAccess();
            }
        }
        BlobContainerClient container;
        BlobContainerAsyncClient async;
        try {
            container = builder.buildClient();
            async = builder.buildAsyncClient();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StorageConfigurationException(s.disk(), "cannot build the Azure client: " + e.getMessage());
        }
        return new AzureClients(container, async, container.getServiceClient(), token, key, blocking);
    }

    /**
     * {@code new DefaultAzureCredentialBuilder().build()}, loaded reflectively so that
     * azure-identity stays an optional dependency of this module.
     */
    private static TokenCredential defaultAzureCredential(String disk) {
        try {
            Class<?> builder = Class.forName("com.azure.identity.DefaultAzureCredentialBuilder");
            Object b = builder.getConstructor().newInstance();
            return (TokenCredential) builder.getMethod("build").invoke(b);
        } catch (ClassNotFoundException e) {
            throw new StorageConfigurationException(disk, "credential=default needs DefaultAzureCredential: add the "
                    + "Maven artifact com.azure:azure-identity (a version built on azure-core 1.61) to the class path", e);
        } catch (InvocationTargetException e) {
            throw new StorageConfigurationException(disk, "DefaultAzureCredential could not be created: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new StorageConfigurationException(disk, "the azure-identity on the class path is not usable: " + e, e);
        }
    }

    /** Whether requests go through the blocking transport (set, and the endpoint is plain http). */
    boolean blockingTransport() {
        return blockingHttp != null && container.getBlobContainerUrl().regionMatches(true, 0, "http:", 0, 5);
    }

    /** Closes the idle connections of the blocking transport. */
    void close() {
        if (blockingHttp != null) {
            blockingHttp.closeIdle();
        }
    }

    /** Whether SAS URLs can be made: with the shared key, or with a user-delegation key (AAD). */
    boolean canSign() {
        return canSignWithKey || tokenCredential != null;
    }
}
