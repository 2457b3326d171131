package dev.stowage.driver.s3;

import dev.stowage.Capability;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.testkit.StorageContract;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole contract against a real s3proxy on 127.0.0.1. The disk has no key prefix: the
 * contract writes keys of the full 1,024 bytes S3 allows (prefixed disks are covered by
 * {@link S3DriverTest}). Two tests s3proxy itself cannot pass (a key that is also a prefix of other
 * keys) are skipped by {@link S3ProxyLimitations}, with the reason.
 */
@ExtendWith(S3ProxyLimitations.class)
class S3ContractTest extends StorageContract {

    @Override
    protected Storage openStorage() {
        return Stowage.open(S3ProxyServer.disk("s3-contract", Map.of()));
    }

    @Override
    protected Map<Capability, String> unsupportedHere() {
        return Map.of(Capability.TAGS, "s3proxy 4.1.0 answers 501 NotImplemented to GetObjectTagging/PutObjectTagging");
    }
}
