package dev.stowage.driver.azure;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of one Azure disk, parsed and checked once. {@link #toString()} never shows a secret.
 *
 * @param disk the disk name
 * @param container the blob container
 * @param prefix the key prefix inside the container ({@code ""} or ending with {@code /})
 * @param account the storage account name, or {@code null}
 * @param accountKey the shared key, or {@code null}
 * @param connectionString a connection string, or {@code null}
 * @param sasToken a SAS token (without leading {@code ?}), or {@code null}
 * @param endpoint the blob service endpoint (e.g. {@code http://127.0.0.1:10000/devstoreaccount1}), or {@code null}
 * @param credential {@code default} to use azure-identity's DefaultAzureCredential, or {@code null}
 * @param blockSize bytes per staged block
 * @param parallelism blocks uploaded at once per put
 * @param singleUploadThreshold largest put sent as one request
 * @param publicUrl base of public URLs (a CDN), or {@code null} to use the blob endpoint
 * @param createContainer whether to create the container when the disk opens
 * @param maxRetries the SDK's own retries per request
 * @param verifyReads whether whole-object reads check the stored Content-MD5
 * @param blockingHttp whether plain-http requests go through {@link BlockingHttpClient} ({@code http-client=blocking},
 *        the default) rather than the SDK's Netty client ({@code http-client=netty})
 * @param uploadMd5 whether each upload request carries a transactional MD5 the service checks
 *        ({@code upload-md5}: {@code always}, {@code never}, or {@code auto}, the default: only over plain
 *        http to a host that is not loopback; see {@link #sendsMd5(String, String, String)})
 */
record AzureSettings(
        String disk,
        String container,
        String prefix,
        String account,
        String accountKey,
        String connectionString,
        String sasToken,
        String endpoint,
        String credential,
        int blockSize,
        int parallelism,
        int singleUploadThreshold,
        String publicUrl,
        boolean createContainer,
        int maxRetries,
        boolean verifyReads,
        boolean blockingHttp,
        boolean uploadMd5) {

    /** The setting names an Azure disk understands. */
    static final Set<String> KNOWN = Set.of("container", "prefix", "account", "account-key", "connection-string",
            "sas-token", "endpoint", "credential", "block-size", "parallelism", "single-upload-threshold",
            "public-url", "cdn-url", "create-container", "max-retries", "verify-reads", "async-concurrency",
            "http-client", "upload-md5");

    /** Azure's limit on one staged block (4000 MiB). */
    static final long MAX_BLOCK = 4000L << 20;
    /** Azure's limit on one Put Blob (5000 MiB); we stay far below with an int. */
    static final long DEFAULT_BLOCK = 4L << 20;
    static final long DEFAULT_THRESHOLD = 4L << 20;
    static final int DEFAULT_PARALLELISM = 4;

    static AzureSettings from(DiskConfig config) {
        String name = config.name();
        String container = config.require("container");
        if (!container.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]") && !container.equals("$root")) {
            throw new StorageConfigurationException(name, "container '" + container
                    + "' is not a valid Azure container name (3-63 characters: lower-case letters, digits, single hyphens)");
        }
        String prefix = config.get("prefix", "");
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        String credential = config.get("credential").map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
        if (credential != null && !credential.equals("default")) {
            throw new StorageConfigurationException(name,
                    "setting 'credential' must be 'default' (DefaultAzureCredential from azure-identity)");
        }
        String sas = config.get("sas-token").map(t -> t.startsWith("?") ? t.substring(1) : t).orElse(null);
        String connection = config.get("connection-string").orElse(null);
        String key = config.get("account-key").orElse(null);
        String account = config.get("account").orElse(null);
        int ways = (connection != null ? 1 : 0) + (key != null ? 1 : 0) + (sas != null ? 1 : 0)
                + (credential != null ? 1 : 0);
        if (ways > 1) {
            throw new StorageConfigurationException(name, "give only one of connection-string, account-key, "
                    + "sas-token and credential=default");
        }
        String endpoint = config.get("endpoint").map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e)
                .orElse(null);
        if (endpoint != null) {
            try {
                URI u = URI.create(endpoint);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new StorageConfigurationException(name, "endpoint '" + endpoint + "' is not an http(s) URL");
            }
        }
        if (connection == null && endpoint == null && account == null) {
            throw new StorageConfigurationException(name, "the azure driver needs 'account' (or 'endpoint', or "
                    + "'connection-string') to know which storage account to use");
        }
        if (key != null && account == null) {
            throw new StorageConfigurationException(name, "'account-key' needs 'account' (the storage account name)");
        }
        long block = config.size("block-size", DEFAULT_BLOCK);
        if (block < 64 << 10 || block > Math.min(MAX_BLOCK, Integer.MAX_VALUE - 16)) {
            throw new StorageConfigurationException(name, "block-size must be between 64KiB and 2GiB");
        }
        long threshold = config.size("single-upload-threshold", DEFAULT_THRESHOLD);
        if (threshold < 0 || threshold > 256L << 20) {
            throw new StorageConfigurationException(name, "single-upload-threshold must be between 0 and 256MiB");
        }
        int parallelism = config.integer("parallelism", DEFAULT_PARALLELISM);
        if (parallelism < 1 || parallelism > 64) {
            throw new StorageConfigurationException(name, "parallelism must be between 1 and 64");
        }
        int retries = config.integer("max-retries", 3);
        if (retries < 0 || retries > 20) {
            throw new StorageConfigurationException(name, "max-retries must be between 0 and 20");
        }
        String publicUrl = config.get("public-url").or(() -> config.get("cdn-url"))
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse(null);
        String http = config.get("http-client", "blocking").toLowerCase(Locale.ROOT);
        if (!http.equals("blocking") && !http.equals("netty")) {
            throw new StorageConfigurationException(name, "http-client must be 'blocking' (the default) or 'netty'");
        }
        return new AzureSettings(name, container, prefix, account, key, connection, sas, endpoint, credential,
                (int) block, parallelism, (int) threshold, publicUrl, config.bool("create-container", false), retries,
                config.bool("verify-reads", true), http.equals("blocking"),
                sendsMd5(name, config.get("upload-md5", "auto").toLowerCase(Locale.ROOT),
                        blobEndpoint(endpoint, account, connection)));
    }

    /**
     * Whether uploads carry a transactional MD5. {@code auto} sends it only where it guards
     * something: over https TLS already authenticates every byte in transit (an altered record fails
     * its MAC and the connection drops), and on loopback no network lies between client and server;
     * plain http across a network has only TCP's 16-bit checksum, so there the service checks the
     * MD5. Whatever this says, the CRC32C of the bytes given to Stowage is stored with every object
     * and checked on every whole read ({@code verify-reads}), so a corruption is never delivered as
     * the object's content. The MD5 costs about 2 ms of CPU per MiB on the client.
     */
    static boolean sendsMd5(String disk, String mode, String blobEndpoint) {
        switch (mode) {
            case "always":
                return true;
            case "never":
                return false;
            case "auto":
                break;
            default:
                throw new StorageConfigurationException(disk, "upload-md5 must be auto (the default), always or never");
        }
        URI u;
        try {
            u = URI.create(blobEndpoint);
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            return false;
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        return !loopback;
    }

    /** The blob endpoint the disk will talk to, as far as the settings say (for {@link #sendsMd5}). */
    private static String blobEndpoint(String endpoint, String account, String connection) {
        if (endpoint != null) {
            return endpoint;
        }
        if (connection != null) {
            String scheme = "https";
            for (String part : connection.split(";")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim();
                if (name.equals("blobendpoint")) {
                    return value;
                }
                if (name.equals("usedevelopmentstorage") && value.equalsIgnoreCase("true")) {
                    return "http://127.0.0.1:10000";
                }
                if (name.equals("defaultendpointsprotocol")) {
                    scheme = value;
                }
            }
            return scheme + "://blob.core.windows.net";
        }
        return "https://" + account + ".blob.core.windows.net";
    }

    /** The blob service endpoint when none is configured: the public cloud's. */
    String serviceEndpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        return account == null ? null : "https://" + account + ".blob.core.windows.net";
    }

    /** How this disk authenticates, for messages (never the secret itself). */
    String authKind() {
        if (connectionString != null) {
            return "connection string";
        }
        if (accountKey != null) {
            return "shared key";
        }
        if (sasToken != null) {
            return "SAS token";
        }
        if (credential != null) {
            return "DefaultAzureCredential";
        }
        return "anonymous";
    }

    @Override
    public String toString() {
        return "AzureSettings[disk=" + disk + ", container=" + container + ", prefix=" + prefix + ", account=" + account
                + ", endpoint=" + endpoint + ", auth=" + authKind() + ", blockSize=" + blockSize + ", parallelism="
                + parallelism + ", singleUploadThreshold=" + singleUploadThreshold + ", publicUrl=" + publicUrl
                + ", createContainer=" + createContainer + ", httpClient=" + (blockingHttp ? "blocking" : "netty") + ", uploadMd5=" + uploadMd5 + "]";
    }
}
