package dev.stowage.bench;

/** One way of doing a workload's operation (Stowage, the raw SDK, NIO, OpenDAL...). */
public interface Contender {

    /** The name printed in results. */
    String name();

    /** Performs operation number {@code i} once. */
    void run(int i) throws Exception;

    /** One operation, as a lambda. */
    @FunctionalInterface
    interface Step {
        void run(int i) throws Exception;
    }

    /** A contender named {@code name} doing {@code step}. */
    static Contender of(String name, Step step) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(int i) throws Exception {
                step.run(i);
            }
        };
    }
}
