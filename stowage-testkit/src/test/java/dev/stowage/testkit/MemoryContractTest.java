package dev.stowage.testkit;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import org.junit.jupiter.api.AfterEach;

/** The memory driver, the reference implementation, passes the whole contract. */
class MemoryContractTest extends StorageContract {

    @Override
    protected Storage openStorage() {
        return Stowage.open("memory://contract-memory");
    }

    @AfterEach
    void noStreamIsLeftOpen() {
        storage.unwrap(MemoryDriver.class).assertNoOpenStreams();
    }
}
