package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Object uploads ({@code /upload/storage/v1/b/{bucket}/o}), following
 * <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/insert">objects.insert</a>,
 * <a href="https://cloud.google.com/storage/docs/uploading-objects">uploads</a>,
 * <a href="https://cloud.google.com/storage/docs/performing-resumable-uploads">performing resumable uploads</a>
 * and <a href="https://cloud.google.com/storage/docs/json_api/v1/how-tos/multipart-upload">multipart uploads</a>:
 * <ul>
 *   <li>{@code uploadType=media} and {@code uploadType=multipart} (JSON metadata part, then media);
 *   <li>{@code uploadType=resumable}: the POST checks the preconditions and answers a session URI in
 *       {@code Location}; each {@code PUT} carries {@code Content-Range: bytes a-b/*} (or {@code /total}
 *       on the last chunk); an unfinished upload answers {@code 308} with
 *       {@code Range: bytes=0-n}, persisting only whole multiples of 256 KiB of a non-final chunk;
 *       {@code bytes *}{@code /*} asks for the status; a {@code DELETE} cancels (499); nothing is
 *       visible before the final chunk, where the preconditions are checked again, atomically;
 *   <li>integrity: a {@code crc32c} or {@code md5Hash} in the metadata, and an {@code x-goog-hash}
 *       header on the finalizing request, must match the bytes, else 400 and no object.
 * </ul>
 */
final class Uploads {
    static final int CHUNK_GRANULARITY = 256 * 1024;

    private static final class Session {
        final String id;
        final String bucket;
        final String name;
        final EmulatedObject.WritableMetadata meta;
        final Preconditions pre;
        final String expectedCrc32c;
        final String expectedMd5;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final ReentrantLock lock = new ReentrantLock();
        EmulatedObject result;

        Session(String id, String bucket, String name, EmulatedObject.WritableMetadata meta, Preconditions pre,
                String expectedCrc32c, String expectedMd5) {
            this.id = id;
            this.bucket = bucket;
            this.name = name;
            this.meta = meta;
            this.pre = pre;
            this.expectedCrc32c = expectedCrc32c;
            this.expectedMd5 = expectedMd5;
        }
    }

    private final EmulatorStore store;
    private final GcsEmulator emulator;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Uploads(EmulatorStore store, GcsEmulator emulator) {
        this.store = store;
        this.emulator = emulator;
    }

    int openSessions() {
        return (int) sessions.values().stream().filter(s -> s.result == null).count();
    }

    /** Routes {@code /upload/storage/v1/b/{bucket}/o}; {@code s} are the segments after {@code storage/v1}. */
    EmulatorResponse handle(EmulatorRequest req, List<String> s) {
        if (s.size() != 3 || !s.get(0).equals("b") || !s.get(2).equals("o")) {
            throw new ApiError(404, "notFound", "Not Found");
        }
        String bucket = s.get(1);
        store.bucket(bucket);
        String uploadId = req.param("upload_id");
        if (uploadId != null) {
            Session session = sessions.get(uploadId);
            if (session == null) {
                throw new ApiError(404, "notFound", "No such upload session.");
            }
            return switch (req.method) {
                case "PUT", "POST" -> chunk(req, session);
                case "DELETE" -> {
                    sessions.remove(uploadId);
                    yield EmulatorResponse.text(499, "text/plain; charset=utf-8", "");
                }
                default -> new ApiError(405, "methodNotAllowed", "Method not allowed").toResponse();
            };
        }
        if (!req.method.equals("POST")) {
            throw new ApiError(405, "methodNotAllowed", "Method not allowed");
        }
        String type = req.query.getOrDefault("uploadType", "media");
        return switch (type) {
            case "media" -> media(req, bucket);
            case "multipart" -> multipart(req, bucket);
            case "resumable" -> startResumable(req, bucket);
            default -> throw ApiError.badRequest("Invalid upload type: " + type);
        };
    }

    private EmulatorResponse media(EmulatorRequest req, String bucket) {
        String name = req.param("name");
        if (name == null || name.isEmpty()) {
            throw new ApiError(400, "required", "Required");
        }
        EmulatedObject.WritableMetadata meta = new EmulatedObject.WritableMetadata(req.header("content-type"), null,
                null, null, null, Map.of());
        return store(req, bucket, name, meta, Preconditions.from(req), req.body, null, null);
    }

    private EmulatorResponse multipart(EmulatorRequest req, String bucket) {
        List<Multipart.Part> parts = Multipart.parse(req.body, Multipart.boundary(req.header("content-type")));
        if (parts.size() != 2) {
            throw ApiError.badRequest("A multipart upload has exactly two parts: metadata and media.");
        }
        JsonObject json = JsonParser.parseString(new String(parts.get(0).body(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        String name = json.has("name") ? json.get("name").getAsString() : req.param("name");
        if (name == null || name.isEmpty()) {
            throw new ApiError(400, "required", "Required");
        }
        EmulatedObject.WritableMetadata meta = EmulatedObject.WritableMetadata.fromJson(json,
                parts.get(1).header("content-type"));
        return store(req, bucket, name, meta, Preconditions.from(req), parts.get(1).body(),
                str(json, "crc32c"), str(json, "md5Hash"));
    }

    private EmulatorResponse store(EmulatorRequest req, String bucket, String name,
            EmulatedObject.WritableMetadata meta, Preconditions pre, byte[] data, String crc32c, String md5) {
        verify(data, crc32c, md5, req.header("x-goog-hash"));
        byte[] stored = maybeCorrupt(data);
        EmulatedObject created = store.commit(bucket, name, pre,
                gen -> new EmulatedObject(bucket, name, gen, 1, stored, meta, store.now(), store.now(), 0));
        return EmulatorResponse.json(200, created.toJson(emulator.endpoint()));
    }

    private EmulatorResponse startResumable(EmulatorRequest req, String bucket) {
        JsonObject json = JsonApi.jsonBody(req);
        String name = json.has("name") ? json.get("name").getAsString() : req.param("name");
        if (name == null || name.isEmpty()) {
            throw new ApiError(400, "required", "Required");
        }
        Preconditions pre = Preconditions.from(req);
        pre.check(store.find(bucket, name), false);
        String contentType = req.header("x-upload-content-type");
        EmulatedObject.WritableMetadata meta = EmulatedObject.WritableMetadata.fromJson(json, contentType);
        String id = UUID.randomUUID().toString().replace("-", "");
        sessions.put(id, new Session(id, bucket, name, meta, pre, str(json, "crc32c"), str(json, "md5Hash")));
        String location = emulator.endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&name="
                + GcsEmulator.encodeSegment(name) + "&upload_id=" + id;
        EmulatorResponse r = new EmulatorResponse(200);
        r.header("Location", location);
        r.header("X-GUploader-UploadID", id);
        return r;
    }

    private EmulatorResponse chunk(EmulatorRequest req, Session session) {
        session.lock.lock();
        try {
            if (session.result != null) {
                return EmulatorResponse.json(200, session.result.toJson(emulator.endpoint()));
            }
            String range = req.header("content-range");
            long committed = session.data.size();
            if (range == null) {
                range = req.body.length == 0 ? "bytes */0" : "bytes 0-" + (req.body.length - 1) + "/" + req.body.length;
            }
            if (!range.startsWith("bytes ")) {
                throw ApiError.badRequest("Invalid Content-Range: " + range);
            }
            String spec = range.substring(6).strip();
            int slash = spec.indexOf('/');
            String span = spec.substring(0, slash);
            String totalText = spec.substring(slash + 1);
            Long total = totalText.equals("*") ? null : Long.parseLong(totalText);
            if (span.equals("*")) {
                if (total == null) {
                    return incomplete(session);
                }
                if (req.body.length != 0) {
                    throw ApiError.badRequest("Content-Range bytes */N carries no body");
                }
                if (total != committed) {
                    throw ApiError.badRequest("Upload size " + total + " does not match the " + committed
                            + " bytes received.");
                }
                return finish(req, session);
            }
            int dash = span.indexOf('-');
            long first = Long.parseLong(span.substring(0, dash));
            long last = Long.parseLong(span.substring(dash + 1));
            if (last - first + 1 != req.body.length) {
                throw ApiError.badRequest("Content-Range " + range + " does not match the " + req.body.length
                        + " bytes of the body.");
            }
            if (first > committed) {
                throw ApiError.badRequest("Content-Range starts at " + first + " but only " + committed
                        + " bytes were persisted.");
            }
            int skip = (int) (committed - first);
            int fresh = Math.max(0, req.body.length - skip);
            if (total != null) {
                if (committed + fresh > total) {
                    throw ApiError.badRequest("Upload exceeds its declared size " + total);
                }
                if (committed + fresh == total) {
                    session.data.write(req.body, skip, fresh);
                    return finish(req, session);
                }
            }
            long persistable = ((committed + fresh) / CHUNK_GRANULARITY) * CHUNK_GRANULARITY - committed;
            if (persistable > 0) {
                session.data.write(req.body, skip, (int) persistable);
            }
            return incomplete(session);
        } finally {
            session.lock.unlock();
        }
    }

    private static EmulatorResponse incomplete(Session session) {
        EmulatorResponse r = new EmulatorResponse(308);
        long n = session.data.size();
        if (n > 0) {
            r.header("Range", "bytes=0-" + (n - 1));
        }
        r.header("x-goog-stored-content-length", null);
        return r;
    }

    private EmulatorResponse finish(EmulatorRequest req, Session session) {
        byte[] data = session.data.toByteArray();
        try {
            verify(data, session.expectedCrc32c, session.expectedMd5, req.header("x-goog-hash"));
        } catch (ApiError e) {
            sessions.remove(session.id);
            throw e;
        }
        byte[] stored = maybeCorrupt(data);
        EmulatedObject created = store.commit(session.bucket, session.name, session.pre,
                gen -> new EmulatedObject(session.bucket, session.name, gen, 1, stored, session.meta, store.now(),
                        store.now(), 0));
        session.result = created;
        return EmulatorResponse.json(200, created.toJson(emulator.endpoint()));
    }

    private byte[] maybeCorrupt(byte[] data) {
        if (data.length > 0 && emulator.corruptUploads.get() > 0 && emulator.corruptUploads.getAndDecrement() > 0) {
            byte[] copy = data.clone();
            copy[copy.length / 2] ^= 0x5a;
            return copy;
        }
        return data;
    }

    /** Checks the declared checksums (metadata fields and the {@code x-goog-hash} header) against the bytes. */
    static void verify(byte[] data, String crc32c, String md5, String xGoogHash) {
        String actualCrc = EmulatedObject.crc32c(data);
        if (crc32c != null && !crc32c.equals(actualCrc)) {
            throw ApiError.badRequest("Provided CRC32C \"" + crc32c + "\" doesn't match calculated CRC32C \""
                    + actualCrc + "\".");
        }
        String actualMd5 = null;
        if (md5 != null) {
            actualMd5 = EmulatedObject.md5(data);
            if (!md5.equals(actualMd5)) {
                throw ApiError.badRequest("Provided MD5 hash \"" + md5 + "\" doesn't match calculated MD5 hash \""
                        + actualMd5 + "\".");
            }
        }
        if (xGoogHash != null) {
            for (String h : xGoogHash.split(",")) {
                String v = h.strip();
                if (v.startsWith("crc32c=") && !v.substring(7).equals(actualCrc)) {
                    throw ApiError.badRequest("Provided CRC32C \"" + v.substring(7)
                            + "\" doesn't match calculated CRC32C \"" + actualCrc + "\".");
                }
                if (v.startsWith("md5=")) {
                    String m = actualMd5 != null ? actualMd5 : EmulatedObject.md5(data);
                    if (!v.substring(4).equals(m)) {
                        throw ApiError.badRequest("Provided MD5 hash \"" + v.substring(4)
                                + "\" doesn't match calculated MD5 hash \"" + m + "\".");
                    }
                }
            }
        }
    }

    private static String str(JsonObject json, String field) {
        return json.has(field) && !json.get(field).isJsonNull() ? json.get(field).getAsString() : null;
    }
}
