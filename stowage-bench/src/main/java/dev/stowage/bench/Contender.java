package dev.stowage.bench;

/** One way of doing a workload's operation (Stowage, the raw SDK, NIO, OpenDAL...). */
public interface Contender {

    /** The name printed in results. */
    String name();

    /** Performs operation number {@code i} once (timed). */
    void run(int i) throws Exception;

    /**
     * Sets up operation number {@code i} just before it runs, untimed (e.g. writes the 1,000 keys a
     * delete operation removes). Nothing by default.
     */
    default void prepare(int i) throws Exception {
    }

    /** One operation, as a lambda. */
    @FunctionalInterface
    interface Step {
        void run(int i) throws Exception;
    }

    /** A contender named {@code name} doing {@code step}. */
    static Contender of(String name, Step step) {
        return of(name, i -> { }, step);
    }

    /** A contender named {@code name} doing {@code prepare} untimed, then {@code step} timed. */
    static Contender of(String name, Step prepare, Step step) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void prepare(int i) throws Exception {
                prepare.run(i);
            }

            @Override
            public void run(int i) throws Exception {
                step.run(i);
            }
        };
    }
}
