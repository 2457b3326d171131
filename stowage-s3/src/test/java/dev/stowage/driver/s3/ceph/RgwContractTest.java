package dev.stowage.driver.s3.ceph;

import dev.stowage.Storage;
import dev.stowage.testkit.StorageContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole Stowage contract against a real Ceph RGW (16.2, one node) through the S3 driver's
 * {@code ceph} preset: RGW is the second S3 target after s3proxy. Every capability the disk reports
 * works on RGW (the preset does not report stored checksums, which RGW 16.2 does not keep).
 */
@ExtendWith(CephRgwExtension.class)
class RgwContractTest extends StorageContract {

    private S3Client admin;
    private String bucket;

    @Override
    protected Storage openStorage() {
        RgwEndpoint rgw = CephRgwExtension.endpoint();
        admin = RgwClients.checksumsWhenRequired(rgw);
        bucket = RgwClients.bucketName("contract");
        admin.createBucket(b -> b.bucket(bucket));
        return RgwDisks.open(rgw, bucket, Map.of());
    }

    @AfterAll
    void deleteTheBucket() {
        if (admin != null) {
            RgwTestSupport.emptyAndDelete(admin, bucket);
            admin.close();
        }
    }
}
