package dev.stowage.driver.s3;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parsed settings of one S3 disk, presets applied. Secrets stay in the fields and never reach
 * {@link #toString()}.
 */
record S3Settings(
        String disk,
        String bucket,
        String prefix,
        String region,
        URI endpoint,
        boolean pathStyle,
        String accessKey,
        String secretKey,
        String sessionToken,
        boolean anonymous,
        long multipartThreshold,
        long partSize,
        int parallelism,
        ChecksumMode checksum,
        boolean unsignedPayload,
        boolean ifMatchQuoted,
        URI publicUrl,
        boolean createBucket,
        long multipartCopyThreshold,
        long copyPartSize,
        int maxConnections,
        Duration connectTimeout,
        Duration socketTimeout,
        int maxAttempts,
        boolean restoreMetadataUnderscores,
        boolean tagMultipartAfterComplete,
        boolean checkMultipartConditions) {

    static final long MIB = 1L << 20;
    /** S3's smallest part (all but the last). */
    static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's largest part, and the largest single PUT or CopyObject. */
    static final long MAX_PART_SIZE = 5L << 30;
    /** S3's most parts in one upload. */
    static final int MAX_PARTS = 10_000;

    /** Every setting this driver reads. */
    static final Set<String> KNOWN = Set.of("bucket", "prefix", "region", "endpoint", "path-style", "access-key",
            "secret-key", "session-token", "anonymous", "preset", "account-id", "multipart-threshold", "part-size",
            "parallelism", "checksum", "unsigned-payload", "if-match-quoted", "public-url", "cdn-url",
            "create-bucket", "multipart-copy-threshold", "copy-part-size", "max-connections", "connect-timeout",
            "socket-timeout", "max-attempts", "async-concurrency", "restore-metadata-underscores",
            "tag-multipart-after-complete", "check-multipart-conditions");

    static S3Settings from(DiskConfig config) {
        String preset = config.get("preset").orElse(null);
        DiskConfig c = preset == null ? config : config.withDefaults(S3Presets.defaults(config.name(), preset));
        String disk = c.name();
        String bucket = c.require("bucket");
        String endpointText = c.get("endpoint").map(e -> S3Presets.expand(disk, e, c.settings())).orElse(null);
        URI endpoint = endpointText == null ? null : uri(disk, "endpoint", endpointText);
        String publicUrl = c.get("cdn-url").orElse(c.get("public-url").orElse(null));
        String accessKey = c.get("access-key").orElse(null);
        String secretKey = c.get("secret-key").orElse(null);
        if ((accessKey == null) != (secretKey == null)) {
            throw new StorageConfigurationException(disk, "set both 'access-key' and 'secret-key', or neither"
                    + " (to use the AWS default credentials chain)");
        }
        long threshold = c.size("multipart-threshold", 16 * MIB);
        long partSize = c.size("part-size", 8 * MIB);
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new StorageConfigurationException(disk, "setting 'part-size' must be between 5MiB and 5GiB");
        }
        if (threshold < 1 || threshold > MAX_PART_SIZE) {
            throw new StorageConfigurationException(disk, "setting 'multipart-threshold' must be between 1 and 5GiB");
        }
        int parallelism = c.integer("parallelism", 4);
        if (parallelism < 1 || parallelism > 64) {
            throw new StorageConfigurationException(disk, "setting 'parallelism' must be between 1 and 64");
        }
        long copyThreshold = c.size("multipart-copy-threshold", MAX_PART_SIZE);
        if (copyThreshold < 1 || copyThreshold > MAX_PART_SIZE) {
            throw new StorageConfigurationException(disk,
                    "setting 'multipart-copy-threshold' must be between 1 and 5GiB");
        }
        long copyPartSize = c.size("copy-part-size", 512 * MIB);
        if (copyPartSize < MIN_PART_SIZE || copyPartSize > MAX_PART_SIZE) {
            throw new StorageConfigurationException(disk, "setting 'copy-part-size' must be between 5MiB and 5GiB");
        }
        return new S3Settings(disk, bucket, normalisePrefix(c.get("prefix").orElse("")),
                c.get("region", "us-east-1"), endpoint, c.bool("path-style", false), accessKey, secretKey,
                c.get("session-token").orElse(null), c.bool("anonymous", false), threshold, partSize, parallelism,
                ChecksumMode.parse(disk, c.get("checksum", "crc32c")), c.bool("unsigned-payload", true),
                c.bool("if-match-quoted", true), publicUrl == null ? null : uri(disk, "public-url", publicUrl),
                c.bool("create-bucket", false), copyThreshold, copyPartSize, c.integer("max-connections", 128),
                c.duration("connect-timeout", Duration.ofSeconds(10)),
                c.duration("socket-timeout", Duration.ofSeconds(60)), Math.max(1, c.integer("max-attempts", 3)),
                c.bool("restore-metadata-underscores", false), c.bool("tag-multipart-after-complete", false),
                c.bool("check-multipart-conditions", false));
    }

    /** The full object key for a disk-relative key. */
    String fullKey(String key) {
        return prefix.isEmpty() ? key : prefix + key;
    }

    /** The disk-relative key for a full object key under the prefix. */
    String relativeKey(String fullKey) {
        return prefix.isEmpty() ? fullKey : fullKey.substring(prefix.length());
    }

    private static String normalisePrefix(String prefix) {
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    private static URI uri(String disk, String setting, String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new StorageConfigurationException(disk, "setting '" + setting + "' must be a URL such as"
                    + " https://host:port, got '" + value + "'");
        }
    }

    /** Settings for logs and messages: no secrets. */
    @Override
    public String toString() {
        Map<String, Object> shown = new HashMap<>();
        shown.put("bucket", bucket);
        shown.put("prefix", prefix);
        shown.put("region", region);
        shown.put("endpoint", endpoint);
        shown.put("path-style", pathStyle);
        shown.put("credentials", accessKey != null ? "static" : anonymous ? "anonymous" : "default chain");
        return "S3Settings[disk=" + disk + ", " + shown + "]";
    }
}
