package dev.stowage.driver.s3;

import dev.stowage.StorageConfigurationException;
import java.util.Locale;
import java.util.Map;

/**
 * Named sets of defaults for S3-compatible services. A preset only fills settings the user left
 * out; anything the user sets wins. Endpoint templates may name {@code {region}} and
 * {@code {account-id}}, filled from the disk's settings.
 */
final class S3Presets {

    /** The defaults of each preset, by name. */
    static final Map<String, Map<String, String>> PRESETS = Map.of(
            "aws", Map.of(),
            "minio", Map.of("path-style", "true", "region", "us-east-1"),
            // RGW (Pacific) rejects aws-chunked flexible-checksum uploads and quoted If-Match etags, stores
            // no checksums, answers x-amz-meta-a_b as x-amz-meta-a-b, drops x-amz-tagging of
            // CreateMultipartUpload and ignores conditions on CompleteMultipartUpload.
            "ceph", Map.of("path-style", "true", "region", "us-east-1", "checksum", "when-required",
                    "if-match-quoted", "false", "restore-metadata-underscores", "true",
                    "tag-multipart-after-complete", "true", "check-multipart-conditions", "true"),
            "r2", Map.of("region", "auto", "path-style", "true",
                    "endpoint", "https://{account-id}.r2.cloudflarestorage.com"),
            "wasabi", Map.of("region", "us-east-1", "endpoint", "https://s3.{region}.wasabisys.com"),
            "b2", Map.of("endpoint", "https://s3.{region}.backblazeb2.com", "checksum", "when-required"),
            "spaces", Map.of("endpoint", "https://{region}.digitaloceanspaces.com", "checksum", "when-required"));

    private S3Presets() {
    }

    /** The defaults of {@code name}, or a configuration error listing the known presets. */
    static Map<String, String> defaults(String disk, String name) {
        Map<String, String> preset = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw new StorageConfigurationException(disk, "unknown s3 preset '" + name + "'; known presets: "
                    + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())));
        }
        return preset;
    }

    /** Fills {@code {region}} and {@code {account-id}} in an endpoint template. */
    static String expand(String disk, String template, Map<String, String> settings) {
        String result = template;
        for (String name : new String[] {"region", "account-id"}) {
            String placeholder = "{" + name + "}";
            if (result.contains(placeholder)) {
                String value = settings.get(name);
                if (value == null || value.isBlank()) {
                    throw new StorageConfigurationException(disk, "the endpoint '" + template
                            + "' of this preset needs the setting '" + name + "'");
                }
                result = result.replace(placeholder, value.strip());
            }
        }
        return result;
    }
}
