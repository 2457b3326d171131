package dev.stowage.bench.harness;

import java.util.List;

/**
 * The workloads of one driver (local, memory, s3, azure...) with the servers and clients they
 * need. Opened by the harness, asked for its workloads once, closed at the end (stopping any
 * server it started and deleting what it wrote).
 */
public interface Suite extends AutoCloseable {

    /** The driver's name as it appears in reports: {@code local}, {@code s3}... */
    String driver();

    /** A sentence on what the contenders are, for the report (server, client settings). */
    String description();

    /**
     * The workloads to measure, their data already in place where a workload reads. In a quick
     * run, only the small ones.
     */
    List<Workload> workloads(BenchSettings settings) throws Exception;

    @Override
    void close() throws Exception;
}
