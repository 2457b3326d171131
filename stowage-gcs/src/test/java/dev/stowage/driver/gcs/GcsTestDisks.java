package dev.stowage.driver.gcs;

import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.driver.gcs.emulator.TestServiceAccount;
import dev.stowage.spi.DiskConfig;
import java.util.Map;
import java.util.TreeMap;

/** Disk configurations for tests: against the emulator, or against real GCS when asked to. */
final class GcsTestDisks {
    static final String BUCKET_VARIABLE = "STOWAGE_IT_GCS_BUCKET";

    private GcsTestDisks() {
    }

    /** A disk on the emulator's bucket {@code bucket}, signing with {@code account}. */
    static DiskConfig emulated(String disk, GcsEmulator emulator, String bucket, TestServiceAccount account,
            Map<String, String> extra) {
        emulator.createBucket(bucket);
        Map<String, String> s = new TreeMap<>();
        s.put("bucket", bucket);
        s.put("endpoint", emulator.endpoint());
        s.put("project-id", "stowage-test");
        if (account != null) {
            s.put("credentials-json", account.json(emulator));
        }
        s.putAll(extra);
        return DiskConfig.of(disk, "gcs", s);
    }

    /**
     * A disk on real GCS from {@code STOWAGE_IT_GCS_BUCKET} (+ optional {@code STOWAGE_IT_GCS_PREFIX},
     * {@code STOWAGE_IT_GCS_PROJECT}) and {@code GOOGLE_APPLICATION_CREDENTIALS} or
     * {@code STOWAGE_IT_GCS_CREDENTIALS_JSON}; {@code null} when not configured.
     */
    static DiskConfig real(String disk) {
        String bucket = System.getenv(BUCKET_VARIABLE);
        String file = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
        String json = System.getenv("STOWAGE_IT_GCS_CREDENTIALS_JSON");
        if (bucket == null || bucket.isBlank() || (file == null && json == null)) {
            return null;
        }
        Map<String, String> s = new TreeMap<>();
        s.put("bucket", bucket);
        s.put("prefix", System.getenv().getOrDefault("STOWAGE_IT_GCS_PREFIX", "stowage-it/"));
        if (System.getenv("STOWAGE_IT_GCS_PROJECT") != null) {
            s.put("project-id", System.getenv("STOWAGE_IT_GCS_PROJECT"));
        }
        if (json != null) {
            s.put("credentials-json", json);
        } else {
            s.put("credentials-file", file);
        }
        s.put("chunk-size", "8MiB");
        return DiskConfig.of(disk, "gcs", s);
    }
}
