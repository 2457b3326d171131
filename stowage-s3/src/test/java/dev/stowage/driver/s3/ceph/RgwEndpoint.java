package dev.stowage.driver.s3.ceph;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the throw-away Ceph RGW of this JVM listens and the S3 key pair of its test user, as written
 * by {@code tools/ceph/up} to {@code DIR/env}. The secret never appears in {@link #toString()}.
 */
record RgwEndpoint(URI endpoint, String accessKey, String secretKey, String region, Path dir) {

    @Override
    public String toString() {
        return "RgwEndpoint[endpoint=" + endpoint + ", accessKey=" + accessKey + ", region=" + region
                + ", dir=" + dir + "]";
    }
}
