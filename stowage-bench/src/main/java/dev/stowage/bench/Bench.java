package dev.stowage.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * Runs a named benchmark: {@code Bench local}. Started by
 * {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=local}.
 */
public final class Bench {
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Main> BENCHMARKS = Map.of(
            "local", LocalBench::main,
            "s3", S3Bench::main,
            "azure", AzureBench::main,
            "gcs", GcsBench::main);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: Bench <" + String.join("|", BENCHMARKS.keySet()) + "> [args]");
            System.exit(2);
        }
        BENCHMARKS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
