package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * One live object generation, immutable, rendered as the
 * <a href="https://cloud.google.com/storage/docs/json_api/v1/objects#resource">objects resource</a>.
 *
 * @param bucket bucket name
 * @param name object name
 * @param generation content version, changes on every write
 * @param metageneration metadata version of this generation, starts at 1
 * @param data the bytes
 * @param meta the writable metadata (content type, disposition, cache control, user metadata...)
 * @param created when this generation was created
 * @param updated when its metadata was last changed
 * @param componentCount for composed objects, the number of components; else 0
 */
record EmulatedObject(String bucket, String name, long generation, long metageneration, byte[] data,
        WritableMetadata meta, Instant created, Instant updated, int componentCount) {

    /** The writable fields of the objects resource. */
    record WritableMetadata(String contentType, String contentDisposition, String cacheControl,
            String contentEncoding, String contentLanguage, Map<String, String> metadata) {

        WritableMetadata {
            metadata = metadata == null ? Map.of() : Map.copyOf(new TreeMap<>(metadata));
        }

        static WritableMetadata empty() {
            return new WritableMetadata(null, null, null, null, null, Map.of());
        }

        /** Reads the writable fields of an objects resource (insert/update semantics: absent = unset). */
        static WritableMetadata fromJson(JsonObject json, String defaultContentType) {
            return new WritableMetadata(
                    str(json, "contentType", defaultContentType), str(json, "contentDisposition", null),
                    str(json, "cacheControl", null), str(json, "contentEncoding", null),
                    str(json, "contentLanguage", null), metadata(json));
        }

        /** Applies a patch: present fields replace, JSON null clears; metadata keys merge, null removes. */
        WritableMetadata patch(JsonObject json) {
            Map<String, String> md = new TreeMap<>(metadata);
            if (json.has("metadata")) {
                JsonElement m = json.get("metadata");
                if (m.isJsonNull()) {
                    md.clear();
                } else {
                    m.getAsJsonObject().entrySet().forEach(e -> {
                        if (e.getValue().isJsonNull()) {
                            md.remove(e.getKey());
                        } else {
                            md.put(e.getKey(), e.getValue().getAsString());
                        }
                    });
                }
            }
            return new WritableMetadata(
                    patched(json, "contentType", contentType), patched(json, "contentDisposition", contentDisposition),
                    patched(json, "cacheControl", cacheControl), patched(json, "contentEncoding", contentEncoding),
                    patched(json, "contentLanguage", contentLanguage), md);
        }

        private static String patched(JsonObject json, String field, String current) {
            if (!json.has(field)) {
                return current;
            }
            JsonElement e = json.get(field);
            return e.isJsonNull() ? null : e.getAsString();
        }

        private static String str(JsonObject json, String field, String dflt) {
            JsonElement e = json.get(field);
            return e == null || e.isJsonNull() ? dflt : e.getAsString();
        }

        private static Map<String, String> metadata(JsonObject json) {
            Map<String, String> md = new TreeMap<>();
            JsonElement m = json.get("metadata");
            if (m != null && m.isJsonObject()) {
                m.getAsJsonObject().entrySet().forEach(e -> {
                    if (!e.getValue().isJsonNull()) {
                        md.put(e.getKey(), e.getValue().getAsString());
                    }
                });
            }
            return md;
        }
    }

    long size() {
        return data.length;
    }

    String contentType() {
        return meta.contentType() == null ? "application/octet-stream" : meta.contentType();
    }

    String crc32c() {
        return crc32c(data);
    }

    String md5() {
        return md5(data);
    }

    /**
     * The etag as GCS forms it: Base64 of the protobuf fields generation (1) and metageneration (2),
     * e.g. {@code CKih16GjycICEAE=}.
     */
    String etag() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x08);
        varint(b, generation);
        b.write(0x10);
        varint(b, metageneration);
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }

    EmulatedObject withMeta(WritableMetadata newMeta, Instant now) {
        return new EmulatedObject(bucket, name, generation, metageneration + 1, data, newMeta, created, now,
                componentCount);
    }

    /** The objects resource as JSON. */
    JsonObject toJson(String endpoint) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "storage#object");
        o.addProperty("id", bucket + "/" + name + "/" + generation);
        o.addProperty("selfLink", endpoint + "/storage/v1/b/" + bucket + "/o/" + GcsEmulator.encodeSegment(name));
        o.addProperty("mediaLink", endpoint + "/download/storage/v1/b/" + bucket + "/o/"
                + GcsEmulator.encodeSegment(name) + "?generation=" + generation + "&alt=media");
        o.addProperty("name", name);
        o.addProperty("bucket", bucket);
        o.addProperty("generation", Long.toString(generation));
        o.addProperty("metageneration", Long.toString(metageneration));
        o.addProperty("contentType", contentType());
        o.addProperty("storageClass", "STANDARD");
        o.addProperty("size", Long.toString(size()));
        if (componentCount == 0) {
            o.addProperty("md5Hash", md5());
        } else {
            o.addProperty("componentCount", componentCount);
        }
        o.addProperty("crc32c", crc32c());
        o.addProperty("etag", etag());
        o.addProperty("timeCreated", rfc3339(created));
        o.addProperty("updated", rfc3339(updated));
        o.addProperty("timeStorageClassUpdated", rfc3339(created));
        if (meta.contentDisposition() != null) {
            o.addProperty("contentDisposition", meta.contentDisposition());
        }
        if (meta.cacheControl() != null) {
            o.addProperty("cacheControl", meta.cacheControl());
        }
        if (meta.contentEncoding() != null) {
            o.addProperty("contentEncoding", meta.contentEncoding());
        }
        if (meta.contentLanguage() != null) {
            o.addProperty("contentLanguage", meta.contentLanguage());
        }
        if (!meta.metadata().isEmpty()) {
            JsonObject md = new JsonObject();
            meta.metadata().forEach(md::addProperty);
            o.add("metadata", md);
        }
        return o;
    }

    static String rfc3339(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
    }

    static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static String md5(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
