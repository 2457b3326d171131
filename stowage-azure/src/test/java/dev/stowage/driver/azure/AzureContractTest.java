package dev.stowage.driver.azure;

import dev.stowage.Capability;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.testkit.StorageContract;
import java.util.Map;
import java.util.UUID;

/** The whole contract against a real Azurite, on a fresh container with no disk prefix. */
@org.junit.jupiter.api.extension.ExtendWith(AzuriteRequired.class)
class AzureContractTest extends StorageContract {

    @Override
    protected Storage openStorage() {
        Azurite azurite = Azurite.shared();
        String container = "contract" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // no disk prefix: the contract writes keys of the full 1024 characters Azure allows for a blob name
        return Stowage.open(azurite.disk("azure-contract", container, ""));
    }

    @Override
    protected Map<Capability, String> unsupportedHere() {
        // Not a gap of Azurite but of the protocol: Put Blob requires the header x-ms-blob-type, so an
        // uploader must send "x-ms-blob-type: BlockBlob" with a SAS PUT; the contract's PUT is plain.
        // AzureDriverTest proves signed PUTs (with the header, content type kept, and expiry).
        return Map.of(Capability.SIGNED_PUT, "Azure's Put Blob needs the request header 'x-ms-blob-type: BlockBlob', "
                + "which the contract's plain PUT does not send (AzureDriverTest covers signed PUT with it)");
    }
}
