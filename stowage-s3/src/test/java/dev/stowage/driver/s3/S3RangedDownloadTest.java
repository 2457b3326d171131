package dev.stowage.driver.s3;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.testkit.RangedDownloadContract;
import java.util.Map;

/** Parallel ranged downloads (GET with Range and If-Match) against a real s3proxy on 127.0.0.1. */
class S3RangedDownloadTest extends RangedDownloadContract {

    @Override
    protected Storage openStorage() {
        return Stowage.open(S3ProxyServer.disk("s3-ranged", Map.of()));
    }
}
