package dev.stowage;

import dev.stowage.io.PublisherInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of a write: an array, a string, a file, an input stream (length known or not) or a
 * reactive publisher. Drivers read it as a stream exactly once, or use the shape's fast path
 * (an array, a file) when they have one.
 *
 * <p>Streams and publishers are single-use: {@link #replayable()} tells whether a retry can read
 * the content again.
 */
public sealed interface Content permits Content.Bytes, Content.File, Content.Stream, Content.Publisher {

    /** The number of bytes, or {@code -1} when not known in advance. */
    long length();

    /** Whether {@link #openStream()} may be called more than once. */
    boolean replayable();

    /** A stream of the bytes; the caller closes it. */
    InputStream openStream() throws IOException;

    /** The bytes of an array (not copied: do not change the array while it is being written). */
    static Content of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** The UTF-8 bytes of a string. */
    static Content of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes of a file. */
    static Content of(Path file) {
        return new File(file);
    }

    /** A stream of unknown length, read to its end. */
    static Content of(InputStream stream) {
        return new Stream(stream, -1);
    }

    /** A stream of exactly {@code length} bytes. */
    static Content of(InputStream stream, long length) {
        return new Stream(stream, length);
    }

    /** The buffers of a publisher, {@code length} bytes in all ({@code -1} if unknown). */
    static Content of(Flow.Publisher<ByteBuffer> publisher, long length) {
        return new Publisher(publisher, length);
    }

    /** No bytes. */
    static Content empty() {
        return new Bytes(new byte[0]);
    }

    /** Bytes held in memory. */
    record Bytes(byte[] bytes) implements Content {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public InputStream openStream() {
            return new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public String toString() {
            return "Content.Bytes[" + bytes.length + " bytes]";
        }
    }

    /** The bytes of a file, read when written. */
    record File(Path path) implements Content {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public long length() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + path, e);
            }
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(path);
        }
    }

    /** A single-use input stream; its length may be unknown ({@code -1}). */
    final class Stream implements Content {
        private final InputStream stream;
        private final long length;
        private final AtomicBoolean opened = new AtomicBoolean();

        Stream(InputStream stream, long length) {
            this.stream = Objects.requireNonNull(stream, "stream");
            if (length < -1) {
                throw new IllegalArgumentException("length must be >= 0, or -1 if unknown: " + length);
            }
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean replayable() {
            return false;
        }

        @Override
        public InputStream openStream() {
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("this stream content was already read; it cannot be replayed");
            }
            return stream;
        }

        @Override
        public String toString() {
            return "Content.Stream[" + (length < 0 ? "unknown length" : length + " bytes") + "]";
        }
    }

    /** A single-use reactive publisher of buffers; its length may be unknown ({@code -1}). */
    final class Publisher implements Content {
        private final Flow.Publisher<ByteBuffer> publisher;
        private final long length;
        private final AtomicBoolean opened = new AtomicBoolean();

        Publisher(Flow.Publisher<ByteBuffer> publisher, long length) {
            this.publisher = Objects.requireNonNull(publisher, "publisher");
            if (length < -1) {
                throw new IllegalArgumentException("length must be >= 0, or -1 if unknown: " + length);
            }
            this.length = length;
        }

        /** The publisher itself, for drivers with a reactive client. */
        public Flow.Publisher<ByteBuffer> publisher() {
            return publisher;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean replayable() {
            return false;
        }

        @Override
        public InputStream openStream() {
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("this publisher content was already read; it cannot be replayed");
            }
            PublisherInputStream in = new PublisherInputStream(4);
            publisher.subscribe(in);
            return in;
        }

        @Override
        public String toString() {
            return "Content.Publisher[" + (length < 0 ? "unknown length" : length + " bytes") + "]";
        }
    }
}
