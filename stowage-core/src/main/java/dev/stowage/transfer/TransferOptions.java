package dev.stowage.transfer;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a transfer runs. Immutable; build with {@link #builder()}.
 *
 * @param parallelism objects copied at once (default 8)
 * @param changeDetection how an existing target object is judged current
 * @param verification what is checked after each copy
 * @param deleteExtraneous for {@code sync}: delete target objects absent from the source, only after every copy succeeded
 * @param dryRun report what would happen and change nothing
 * @param listeners told of progress and of each object
 * @param cancelled polled between objects; when it answers {@code true} no new object starts
 */
public record TransferOptions(int parallelism, ChangeDetection changeDetection, Verification verification,
        boolean deleteExtraneous, boolean dryRun, List<TransferListener> listeners, BooleanSupplier cancelled) {

    /** Default options: 8 in parallel, size + checksum, verified by size + checksum. */
    public static final TransferOptions DEFAULTS = builder().build();

    public TransferOptions {
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException("parallelism must be between 1 and 1024: " + parallelism);
        }
        Objects.requireNonNull(changeDetection, "changeDetection");
        Objects.requireNonNull(verification, "verification");
        listeners = List.copyOf(listeners);
        cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TransferOptions}. */
    public static final class Builder {
        private int parallelism = 8;
        private ChangeDetection changeDetection = ChangeDetection.SIZE_AND_CHECKSUM;
        private Verification verification = Verification.SIZE_AND_CHECKSUM;
        private boolean deleteExtraneous;
        private boolean dryRun;
        private final java.util.ArrayList<TransferListener> listeners = new java.util.ArrayList<>();
        private BooleanSupplier cancelled;

        private Builder() {
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder changeDetection(ChangeDetection changeDetection) {
            this.changeDetection = changeDetection;
            return this;
        }

        public Builder verification(Verification verification) {
            this.verification = verification;
            return this;
        }

        public Builder deleteExtraneous(boolean deleteExtraneous) {
            this.deleteExtraneous = deleteExtraneous;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder listener(TransferListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        public TransferOptions build() {
            return new TransferOptions(parallelism, changeDetection, verification, deleteExtraneous, dryRun,
                    listeners, cancelled);
        }
    }
}
