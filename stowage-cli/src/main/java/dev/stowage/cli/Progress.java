package dev.stowage.cli;

import dev.stowage.transfer.TransferListener;
import dev.stowage.transfer.TransferProgress;
import java.io.InputStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars ({@code me.tongfei:progressbar}) on stderr, drawn only when stderr is a terminal and
 * the run is not quiet; otherwise nothing is drawn (scripts get the summary line only).
 */
final class Progress implements AutoCloseable, TransferListener {
    /** Single objects smaller than this (16 MiB) get no bar: they finish before it would say anything. */
    static final long LARGE = 16L << 20;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar counting bytes, or an inert one when no bar should be drawn. */
    static Progress bytes(CliContext ctx, boolean quiet, String task, long total) {
        if (quiet || (total >= 0 && total < LARGE) || !Terminal.stderrIsTerminal(ctx)) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total < 0 ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200)
                .continuousUpdate().build();
        return new Progress(bar);
    }

    /** Wraps a stream so that reading it advances the bar. */
    InputStream wrap(InputStream in) {
        if (bar == null) {
            return in;
        }
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws java.io.IOException {
                int b = super.read();
                if (b >= 0) {
                    bar.stepBy(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws java.io.IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    bar.stepBy(n);
                }
                return n;
            }
        };
    }

    /** A write's progress listener advancing the bar, or {@code null} when no bar is drawn. */
    dev.stowage.ProgressListener writeListener() {
        if (bar == null) {
            return null;
        }
        return (done, total) -> {
            if (total > 0) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
        };
    }

    @Override
    public void onProgress(TransferProgress p) {
        if (bar != null) {
            if (p.listingDone()) {
                bar.maxHint(p.bytesSeen());
            }
            bar.stepTo(p.bytesDone());
            bar.setExtraMessage(" " + p.objectsDone() + "/" + p.objectsSeen() + " objects");
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
