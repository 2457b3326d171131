package dev.stowage.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/** Content sources the contract writes from: a demand-driven publisher and a stream that fails on purpose. */
final class ContractSources {
    private ContractSources() {
    }

    /** A publisher of {@code data} in chunks of {@code chunk} bytes, honouring demand. */
    static Flow.Publisher<ByteBuffer> publisherOf(byte[] data, int chunk) {
        return subscriber -> {
            SubmissionPublisher<ByteBuffer> p = new SubmissionPublisher<>(Runnable::run, 4);
            p.subscribe(subscriber);
            Thread.ofVirtual().start(() -> {
                for (int off = 0; off < data.length; off += chunk) {
                    p.submit(ByteBuffer.wrap(data, off, Math.min(chunk, data.length - off)));
                }
                p.close();
            });
        };
    }

    /** An input stream that yields {@code good} bytes and then fails. */
    static InputStream failingAfter(int good) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent >= good) {
                    throw new IOException("the source failed on purpose after " + good + " bytes");
                }
                sent++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= good) {
                    throw new IOException("the source failed on purpose after " + good + " bytes");
                }
                int n = Math.min(len, good - sent);
                Arrays.fill(b, off, off + n, (byte) 'x');
                sent += n;
                return n;
            }
        };
    }
}
