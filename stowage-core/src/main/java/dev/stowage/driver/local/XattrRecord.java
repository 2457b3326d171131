package dev.stowage.driver.local;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Sidecar.Record} kept as the user extended attribute {@code user.stowage} of the data
 * file itself, in a compact binary form. Compact matters: on ext4 a value of up to 64 bytes fits
 * inside the inode (no extra block to allocate, journal and free per write), and the usual record
 * (CRC32C and a content type of up to ~30 bytes, nothing else) takes about 45.
 *
 * <p>The attribute lives on the inode, so it travels with the file through renames and needs no
 * key. It names the version it describes by the data file's modification time (nanoseconds) and
 * size, so a foreign tool that rewrites the file in place (same inode, new mtime) makes the record
 * invalid instead of wrong; the etag itself (which also folds in the inode) is rebuilt from the
 * file's attributes when the record is read.
 *
 * <pre>
 * byte    format (1)
 * varlong mtime, nanoseconds since the epoch
 * varlong size
 * byte    flags: 1 crc32c, 2 type, 4 disposition, 8 cache control, 16 metadata, 32 tags, 64 crc32c as text
 * [4 bytes crc32c | string crc32c] [string type] [string disposition] [string cache]
 * [varint n, n × (string, string) metadata] [varint n, n × (string, string) tags]
 * string = varint length + UTF-8 bytes
 * </pre>
 */
final class XattrRecord {
    /** The attribute's name in the {@code user.} namespace. */
    static final String NAME = "stowage";

    private static final int FORMAT = 1;
    private static final int CRC = 1;
    private static final int TYPE = 2;
    private static final int DISPOSITION = 4;
    private static final int CACHE = 8;
    private static final int METADATA = 16;
    private static final int TAGS = 32;
    private static final int CRC_TEXT = 64;

    private XattrRecord() {
    }

    /** The attribute value describing the data file with these attributes. */
    static byte[] encode(Sidecar.Record record, BasicFileAttributes attrs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        varlong(out, attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        varlong(out, attrs.size());
        byte[] crc = rawCrc(record.crc32c());
        int flags = (crc != null ? CRC : record.crc32c() != null ? CRC_TEXT : 0)
                | (record.contentType() != null ? TYPE : 0)
                | (record.contentDisposition() != null ? DISPOSITION : 0)
                | (record.cacheControl() != null ? CACHE : 0)
                | (record.metadata().isEmpty() ? 0 : METADATA)
                | (record.tags().isEmpty() ? 0 : TAGS);
        out.write(flags);
        if (crc != null) {
            out.writeBytes(crc);
        } else if (record.crc32c() != null) {
            string(out, record.crc32c());
        }
        if (record.contentType() != null) {
            string(out, record.contentType());
        }
        if (record.contentDisposition() != null) {
            string(out, record.contentDisposition());
        }
        if (record.cacheControl() != null) {
            string(out, record.cacheControl());
        }
        if (!record.metadata().isEmpty()) {
            map(out, record.metadata());
        }
        if (!record.tags().isEmpty()) {
            map(out, record.tags());
        }
        return out.toByteArray();
    }

    /**
     * The record in {@code value} if it describes the data file with these attributes (same
     * modification time and size); {@code null} if it describes another version or is damaged.
     */
    static Sidecar.Record decode(ByteBuffer value, BasicFileAttributes attrs) {
        try {
            if (value.get() != FORMAT) {
                return null;
            }
            long mtime = varlong(value);
            long size = varlong(value);
            if (mtime != attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) || size != attrs.size()) {
                return null;
            }
            int flags = value.get() & 0xff;
            String crc = null;
            if ((flags & CRC) != 0) {
                byte[] raw = new byte[4];
                value.get(raw);
                crc = Base64.getEncoder().encodeToString(raw);
            } else if ((flags & CRC_TEXT) != 0) {
                crc = string(value);
            }
            String type = (flags & TYPE) != 0 ? string(value) : null;
            String disposition = (flags & DISPOSITION) != 0 ? string(value) : null;
            String cache = (flags & CACHE) != 0 ? string(value) : null;
            Map<String, String> metadata = (flags & METADATA) != 0 ? map(value) : Map.of();
            Map<String, String> tags = (flags & TAGS) != 0 ? map(value) : Map.of();
            if (value.hasRemaining()) {
                return null;
            }
            return new Sidecar.Record(FileVersions.etag(attrs), crc, type, disposition, cache, metadata, tags);
        } catch (RuntimeException e) {
            return null; // truncated or not ours
        }
    }

    private static byte[] rawCrc(String base64) {
        if (base64 == null || base64.length() != 8) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            return raw.length == 4 && Base64.getEncoder().encodeToString(raw).equals(base64) ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void map(ByteArrayOutputStream out, Map<String, String> map) {
        varlong(out, map.size());
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
    }

    private static Map<String, String> map(ByteBuffer in) {
        long n = varlong(in);
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad count");
        }
        Map<String, String> map = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            map.put(string(in), string(in));
        }
        return map;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varlong(out, b.length);
        out.writeBytes(b);
    }

    private static String string(ByteBuffer in) {
        long n = varlong(in);
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void varlong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long varlong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.get() & 0xff;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
