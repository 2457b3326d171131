package dev.stowage.driver.s3.ceph;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stowage disks on the RGW of this JVM through the S3 driver's {@code ceph} preset. */
final class RgwDisks {

    private RgwDisks() {
    }

    /**
     * Opens an {@code s3} disk with {@code preset=ceph} on {@code bucket} (which must exist), with
     * {@code overrides} applied over the preset (e.g. to turn one of its fixes off).
     */
    static Storage open(RgwEndpoint rgw, String bucket, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("preset", "ceph");
        settings.put("bucket", bucket);
        settings.put("endpoint", rgw.endpoint().toString());
        settings.put("access-key", rgw.accessKey());
        settings.put("secret-key", rgw.secretKey());
        settings.putAll(overrides);
        return Stowage.open(DiskConfig.of("rgw", "s3", settings));
    }
}
