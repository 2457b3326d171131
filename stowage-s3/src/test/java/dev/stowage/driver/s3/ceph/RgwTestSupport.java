package dev.stowage.driver.s3.ceph;

import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Clean-up of the buckets RGW tests create (the cluster is thrown away anyway; this keeps RAM low). */
final class RgwTestSupport {

    private RgwTestSupport() {
    }

    /** Deletes every object and unfinished multipart upload in {@code bucket}, then the bucket. */
    static void emptyAndDelete(S3Client s3, String bucket) {
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket))) {
            List<ObjectIdentifier> ids = page.contents().stream()
                    .map(S3Object::key).map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            if (!ids.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
            }
        }
        for (var upload : s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
        }
        s3.deleteBucket(b -> b.bucket(bucket));
    }
}
