package dev.stowage.driver.s3;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.testkit.StorageContract;
import java.util.Map;

/** The whole contract against a real s3proxy on 127.0.0.1, the disk under a key prefix. */
class S3ContractTest extends StorageContract {

    @Override
    protected Storage openStorage() {
        return Stowage.open(S3ProxyServer.disk("s3-contract", Map.of("prefix", "under/a/prefix")));
    }
}
