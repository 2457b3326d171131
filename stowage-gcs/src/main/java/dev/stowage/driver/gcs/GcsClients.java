package dev.stowage.driver.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobWriteSessionConfigs;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.stowage.StorageConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Builds the {@code google-cloud-storage} client of a disk: JSON API over HTTP, explicit
 * credentials when given (service-account file or JSON content), no credentials at all for
 * anonymous access or an emulator endpoint without credentials, otherwise Application Default
 * Credentials.
 */
final class GcsClients {
    private GcsClients() {
    }

    static Storage create(GcsSettings s) {
        HttpStorageOptions.Builder b = StorageOptions.http();
        if (s.endpoint() != null) {
            b.setHost(s.endpoint().toString());
        }
        Credentials credentials = credentials(s);
        if (credentials != null) {
            b.setCredentials(credentials);
        }
        if (s.projectId() != null) {
            b.setProjectId(s.projectId());
        } else if (credentials instanceof NoCredentials) {
            // never let the client look for a project on the metadata server when none is needed
            b.setProjectId("stowage-anonymous");
        }
        b.setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder().setMaxAttempts(s.maxAttempts()).build());
        b.setBlobWriteSessionConfig(BlobWriteSessionConfigs.getDefault().withChunkSize(s.chunkSize()));
        try {
            return b.build().getService();
        } catch (RuntimeException e) {
            throw new StorageConfigurationException(s.disk(), "cannot create the GCS client: " + e.getMessage(), e);
        }
    }

    /** The credentials to use, or {@code null} for Application Default Credentials. */
    static Credentials credentials(GcsSettings s) {
        try {
            if (s.credentialsJson() != null) {
                return read(new ByteArrayInputStream(s.credentialsJson().getBytes(StandardCharsets.UTF_8)));
            }
            if (s.credentialsFile() != null) {
                try (InputStream in = Files.newInputStream(s.credentialsFile())) {
                    return read(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the message of a parse error may quote the key material: never pass it on
            throw new StorageConfigurationException(s.disk(), "cannot read the GCS credentials from "
                    + (s.credentialsJson() != null ? "credentials-json" : "credentials-file " + s.credentialsFile())
                    + ": not a valid service-account or authorized-user JSON key");
        }
        if (s.anonymous() || s.endpoint() != null) {
            return NoCredentials.getInstance();
        }
        return null;
    }

    private static Credentials read(InputStream in) throws IOException {
        return GoogleCredentials.fromStream(in);
    }
}
