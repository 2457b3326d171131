package dev.stowage.testkit;

/**
 * The local driver passes the whole contract with its records in sidecar files too (the mode used
 * where the file system has no user extended attributes).
 */
class LocalSidecarContractTest extends LocalContractTest {
    @Override
    protected String metadataMode() {
        return "sidecar";
    }
}
