package dev.stowage.config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opt-in ({@code stowage.autodetect=true}) disks from well-known environment variables. Secrets are
 * never copied: credentials stay where the provider SDKs look for them (their default chains), or
 * are referenced as {@code ${VARIABLE}}. Each decision is logged at INFO with its reason.
 */
final class Autodetect {
    private static final Logger LOG = System.getLogger("dev.stowage.config");

    private Autodetect() {
    }

    /** Properties of the detected disks, in the order s3, azure, gcs. */
    static Map<String, String> detect(Map<String, String> env) {
        Map<String, String> props = new LinkedHashMap<>();
        boolean aws = env.containsKey("AWS_ACCESS_KEY_ID") || env.containsKey("AWS_PROFILE")
                || env.containsKey("AWS_WEB_IDENTITY_TOKEN_FILE") || env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                || env.containsKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (aws && env.containsKey("STOWAGE_S3_BUCKET")) {
            props.put("stowage.disks.s3.driver", "s3");
            props.put("stowage.disks.s3.bucket", env.get("STOWAGE_S3_BUCKET"));
            String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
            if (region != null) {
                props.put("stowage.disks.s3.region", region);
            }
            String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL"));
            if (endpoint != null) {
                props.put("stowage.disks.s3.endpoint", endpoint);
            }
            LOG.log(Level.INFO, "autodetect: disk ''s3'' (driver s3, bucket ''{0}''{1}) because AWS credentials "
                    + "are in the environment and STOWAGE_S3_BUCKET is set; credentials come from the AWS default "
                    + "provider chain", env.get("STOWAGE_S3_BUCKET"), region == null ? "" : ", region " + region);
        } else if (aws) {
            LOG.log(Level.INFO, "autodetect: AWS credentials found but STOWAGE_S3_BUCKET is not set: no s3 disk");
        }
        if (env.containsKey("AZURE_STORAGE_CONNECTION_STRING")) {
            props.put("stowage.disks.azure.driver", "azure");
            props.put("stowage.disks.azure.connection-string", "${AZURE_STORAGE_CONNECTION_STRING}");
            String container = env.get("STOWAGE_AZURE_CONTAINER");
            if (container != null) {
                props.put("stowage.disks.azure.container", container);
            }
            LOG.log(Level.INFO, "autodetect: disk ''azure'' (driver azure, container {0}) because "
                    + "AZURE_STORAGE_CONNECTION_STRING is set", container == null
                    ? "not set: set STOWAGE_AZURE_CONTAINER" : "'" + container + "'");
        }
        if (env.containsKey("GOOGLE_APPLICATION_CREDENTIALS") && env.containsKey("STOWAGE_GCS_BUCKET")) {
            props.put("stowage.disks.gcs.driver", "gcs");
            props.put("stowage.disks.gcs.bucket", env.get("STOWAGE_GCS_BUCKET"));
            String project = env.get("GOOGLE_CLOUD_PROJECT");
            if (project != null) {
                props.put("stowage.disks.gcs.project", project);
            }
            LOG.log(Level.INFO, "autodetect: disk ''gcs'' (driver gcs, bucket ''{0}'') because "
                    + "GOOGLE_APPLICATION_CREDENTIALS and STOWAGE_GCS_BUCKET are set; credentials come from "
                    + "Application Default Credentials", env.get("STOWAGE_GCS_BUCKET"));
        } else if (env.containsKey("GOOGLE_APPLICATION_CREDENTIALS")) {
            LOG.log(Level.INFO, "autodetect: GOOGLE_APPLICATION_CREDENTIALS found but STOWAGE_GCS_BUCKET is not set: "
                    + "no gcs disk");
        }
        if (props.isEmpty()) {
            LOG.log(Level.INFO, "autodetect: no well-known storage variables found");
        }
        return props;
    }
}
