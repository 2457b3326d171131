package dev.stowage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The guard the emulator tests rely on does stop and report a connection to a non-local host. */
class LoopbackGuardTest {

    @Test
    void a_connection_to_the_metadata_server_is_stopped_and_recorded() {
        LoopbackGuard guard = LoopbackGuard.install();
        assertThatThrownBy(() -> {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://169.254.169.254/computeMetadata/v1/")
                    .toURL().openConnection();
            c.setConnectTimeout(2000);
            c.getResponseCode();
        }).isInstanceOf(IOException.class);
        assertThat(guard.blocked()).anyMatch(u -> u.contains("169.254.169.254"));
        guard.reset();
    }
}
