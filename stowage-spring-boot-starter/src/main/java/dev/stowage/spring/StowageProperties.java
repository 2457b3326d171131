package dev.stowage.spring;

import dev.stowage.config.StowageConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code stowage.*} settings of {@code application.yml}/{@code .properties}: the same settings as
 * {@link StowageConfig} (disks, default, routing, failover, retry, prefixes...).
 *
 * <pre>
 * stowage:
 *   default: uploads
 *   disks:
 *     uploads:
 *       driver: s3
 *       bucket: my-bucket
 *       retry.max-attempts: 4
 *     scratch:
 *       driver: local
 *       root: /var/tmp/scratch
 *   web:
 *     enabled: true
 * </pre>
 */
@ConfigurationProperties(prefix = "stowage")
public class StowageProperties {

    /** Settings of memory disks that survive the swap made by {@code @StowageTest}. */
    private static final Set<String> MEMORY_SETTINGS = Set.of("signing-secret", "base-url", "public-url");

    /** Name of the default disk (the primary {@code Storage} bean). Defaults to the only disk, or "local". */
    private String defaultDisk;

    /** Derive disks from well-known variables (AWS_*, AZURE_STORAGE_CONNECTION_STRING, GOOGLE_APPLICATION_CREDENTIALS). */
    private boolean autodetect;

    /** Disks by name: each a map of settings, at least "driver" (memory, local, s3, gcs, azure, routing, failover). */
    private Map<String, Map<String, String>> disks = new LinkedHashMap<>();

    /** The signed-URL file endpoint for memory and local disks. */
    private final Web web = new Web();

    /** Test support. */
    private final Test test = new Test();

    /** Same as {@code stowage.default}. */
    public String getDefault() {
        return defaultDisk;
    }

    /** The default disk's name. */
    public void setDefault(String name) {
        this.defaultDisk = name;
    }

    public boolean isAutodetect() {
        return autodetect;
    }

    public void setAutodetect(boolean autodetect) {
        this.autodetect = autodetect;
    }

    public Map<String, Map<String, String>> getDisks() {
        return disks;
    }

    public void setDisks(Map<String, Map<String, String>> disks) {
        this.disks = disks;
    }

    public Web getWeb() {
        return web;
    }

    public Test getTest() {
        return test;
    }

    /** The core configuration these properties describe. */
    public StowageConfig toConfig(Map<String, String> environment) {
        StowageConfig.Builder b = StowageConfig.builder().noPropertiesFile().environment(environment);
        if (defaultDisk != null && !defaultDisk.isBlank()) {
            b.defaultDisk(defaultDisk);
        }
        if (autodetect) {
            b.set("stowage.autodetect", "true");
        }
        disks.forEach((name, settings) -> {
            Map<String, String> s = new LinkedHashMap<>(settings);
            String driver = s.remove("driver");
            if (test.isInMemory()) {
                s.keySet().retainAll(MEMORY_SETTINGS);
                driver = "memory";
            }
            b.disk(name, driver == null ? "" : driver, s);
        });
        if (test.isInMemory() && disks.isEmpty()) {
            b.disk(StowageConfig.EMBEDDED_DISK, "memory", Map.of());
        }
        return b.build();
    }

    /** Settings of the signed-URL file endpoint. */
    public static class Web {
        /** Serve the signed URLs of memory and local disks from this application. */
        private boolean enabled;

        /** Path the endpoint answers under; signed URLs name {base-url}/files/{disk}/{key}. */
        private String path = "/files";

        /** Largest upload accepted through signed PUT URLs, in bytes (-1: no limit). */
        private long maxUploadSize = -1;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public long getMaxUploadSize() {
            return maxUploadSize;
        }

        public void setMaxUploadSize(long maxUploadSize) {
            this.maxUploadSize = maxUploadSize;
        }
    }

    /** Test support settings. */
    public static class Test {
        /** Replace every disk by a memory disk of the same name (set by {@code @StowageTest}). */
        private boolean inMemory;

        public boolean isInMemory() {
            return inMemory;
        }

        public void setInMemory(boolean inMemory) {
            this.inMemory = inMemory;
        }
    }
}
