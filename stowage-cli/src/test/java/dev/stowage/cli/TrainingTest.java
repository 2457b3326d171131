package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    @Test
    void the_launchers_training_run_completes_every_command_on_the_local_disk_and_on_s3(@TempDir Path dir)
            throws Exception {
        assertThat(Training.train(dir)).isEmpty();
    }
}
