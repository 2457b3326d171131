package dev.stowage;

/**
 * A part of an object to read, in bytes. Three shapes, as in HTTP {@code Range}:
 * {@link #of(long, long) first..last} (inclusive), {@link #from(long) from an offset to the end}
 * and {@link #suffix(long) the last n bytes}.
 *
 * <p>Reading a range that starts at or past the end of the object yields no bytes; a range whose
 * end lies past the end is cut at the end; a suffix longer than the object yields all of it.
 *
 * @param first first byte offset, or {@code -1} for a suffix range
 * @param last last byte offset (inclusive), or {@code -1} for "to the end"
 * @param suffixLength for suffix ranges, the number of trailing bytes; otherwise {@code -1}
 */
public record ByteRange(long first, long last, long suffixLength) {

    /** The whole object. */
    public static final ByteRange ALL = new ByteRange(0, -1, -1);

    public ByteRange {
        if (suffixLength >= 0) {
            if (first != -1 || last != -1) {
                throw new IllegalArgumentException("a suffix range has no first or last offset");
            }
        } else {
            if (suffixLength != -1) {
                throw new IllegalArgumentException("suffix length must be >= 0: " + suffixLength);
            }
            if (first < 0) {
                throw new IllegalArgumentException("first offset must be >= 0: " + first);
            }
            if (last != -1 && last < first) {
                throw new IllegalArgumentException("last offset " + last + " is before first offset " + first);
            }
        }
    }

    /** Bytes {@code first} to {@code last}, both inclusive. */
    public static ByteRange of(long first, long last) {
        if (last < 0) {
            throw new IllegalArgumentException("last offset must be >= 0: " + last);
        }
        return new ByteRange(first, last, -1);
    }

    /** From {@code offset} to the end of the object. */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, -1, -1);
    }

    /** The last {@code length} bytes of the object. */
    public static ByteRange suffix(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("suffix length must be >= 0: " + length);
        }
        return new ByteRange(-1, -1, length);
    }

    /** Whether this is the whole object. */
    public boolean isAll() {
        return first == 0 && last == -1 && suffixLength == -1;
    }

    /** Whether this is a suffix range. */
    public boolean isSuffix() {
        return suffixLength >= 0;
    }

    /**
     * The offset of the first byte to read from an object of {@code size} bytes; equal to
     * {@code size} when nothing is to be read.
     */
    public long startFor(long size) {
        if (isSuffix()) {
            return Math.max(0, size - suffixLength);
        }
        return Math.min(first, size);
    }

    /** The number of bytes this range covers in an object of {@code size} bytes. */
    public long lengthFor(long size) {
        long start = startFor(size);
        long endExclusive = isSuffix() || last == -1 ? size : Math.min(size, last + 1);
        return Math.max(0, endExclusive - start);
    }

    /** The HTTP {@code Range} header value, e.g. {@code bytes=0-99}, {@code bytes=100-}, {@code bytes=-20}. */
    public String toHttpHeader() {
        if (isSuffix()) {
            return "bytes=-" + suffixLength;
        }
        return "bytes=" + first + "-" + (last == -1 ? "" : Long.toString(last));
    }
}
