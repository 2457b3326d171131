package dev.stowage.driver.gcs;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * The settings of a GCS disk, read from its {@link DiskConfig}. {@link #toString()} never shows
 * the credentials.
 *
 * @param disk disk name
 * @param bucket bucket name
 * @param prefix key prefix inside the bucket ({@code ""} or ending with {@code /})
 * @param projectId project id, or {@code null} to let the client find it
 * @param credentialsFile path of a service-account JSON key, or {@code null}
 * @param credentialsJson the content of a service-account JSON key, or {@code null} (secret)
 * @param endpoint base URL overriding {@code https://storage.googleapis.com} (emulators), or {@code null}
 * @param chunkSize resumable upload chunk size, a multiple of 256 KiB
 * @param publicUrl base of public URLs (e.g. a CDN), or {@code null}
 * @param createBucket whether to create the bucket when it is missing
 * @param maxAttempts attempts the client makes for retryable failures (1 = no retry)
 * @param anonymous whether to send no credentials at all
 * @param verifyReads whether full reads check the CRC32C GCS sends with the download
 */
record GcsSettings(String disk, String bucket, String prefix, String projectId, Path credentialsFile,
        String credentialsJson, URI endpoint, int chunkSize, String publicUrl, boolean createBucket, int maxAttempts,
        boolean anonymous, boolean verifyReads) {

    static final int GRANULARITY = 256 * 1024;
    static final int DEFAULT_CHUNK_SIZE = 16 << 20;

    static final Set<String> KNOWN = Set.of("bucket", "prefix", "project-id", "project", "credentials-file",
            "credentials-json", "endpoint", "chunk-size", "public-url", "cdn-url", "create-bucket", "max-attempts",
            "anonymous", "verify-reads", "async-concurrency");

    static GcsSettings from(DiskConfig config) {
        String bucket = config.require("bucket");
        String prefix = config.get("prefix", "");
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        URI endpoint = null;
        if (config.get("endpoint").isPresent()) {
            try {
                endpoint = URI.create(config.get("endpoint").get().replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new StorageConfigurationException(config.name(), "endpoint is not a valid URL");
            }
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new StorageConfigurationException(config.name(), "endpoint must be an absolute http(s) URL");
            }
        }
        long chunk = config.size("chunk-size", DEFAULT_CHUNK_SIZE);
        if (chunk < GRANULARITY || chunk % GRANULARITY != 0 || chunk > Integer.MAX_VALUE) {
            throw new StorageConfigurationException(config.name(),
                    "chunk-size must be a multiple of 256KiB (e.g. 8MiB, 16MiB), got " + chunk + " bytes");
        }
        int attempts = config.integer("max-attempts", 6);
        if (attempts < 1) {
            throw new StorageConfigurationException(config.name(), "max-attempts must be at least 1");
        }
        String credentialsFile = config.get("credentials-file").orElse(null);
        String credentialsJson = config.get("credentials-json").orElse(null);
        if (credentialsFile != null && credentialsJson != null) {
            throw new StorageConfigurationException(config.name(),
                    "set either credentials-file or credentials-json, not both");
        }
        String project = config.get("project-id").or(() -> config.get("project")).orElse(null);
        return new GcsSettings(config.name(), bucket, prefix, project,
                credentialsFile == null ? null : Path.of(credentialsFile), credentialsJson, endpoint, (int) chunk,
                config.get("public-url").or(() -> config.get("cdn-url")).orElse(null),
                config.bool("create-bucket", false), attempts, config.bool("anonymous", false),
                config.bool("verify-reads", true));
    }

    @Override
    public String toString() {
        return "GcsSettings[disk=" + disk + ", bucket=" + bucket + ", prefix=" + prefix + ", projectId=" + projectId
                + ", credentials=" + (credentialsJson != null ? "json ****" : credentialsFile != null
                        ? "file " + credentialsFile : anonymous ? "none" : "application default")
                + ", endpoint=" + endpoint + ", chunkSize=" + chunkSize + ", publicUrl=" + publicUrl + "]";
    }
}
