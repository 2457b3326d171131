package dev.stowage.bench;

/** One way of doing a workload's operation (Stowage, the raw SDK, NIO, OpenDAL...). */
public interface Contender {

    /** The name printed in results. */
    String name();

    /** Performs operation number {@code i} once. */
    void run(int i) throws Exception;
}
