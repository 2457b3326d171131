package dev.stowage.bench;

import dev.stowage.bench.suites.S3ProxyProcess;
import dev.stowage.bench.cold.Hello;
import dev.stowage.bench.cold.RawNioPutGet;
import dev.stowage.bench.cold.RawS3PutGet;
import dev.stowage.bench.harness.MarkdownSections;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whole-process ("cold") times: {@code stowage put} and {@code stowage get} of a 4 KiB object on a
 * local disk and on S3 (s3proxy in its own JVM on 127.0.0.1), each run as a fresh process, next to a
 * JVM that only prints hello and to minimal programs doing the same with {@code java.nio} or the raw
 * AWS SDK. Started as {@code Bench cold [--quick]}; builds nothing: it runs the CLI jar the reactor
 * built ({@code ../stowage-cli/target/stowage-cli.jar}, or {@code -Dcold.cli=JAR}).
 *
 * <p>The CLI runs in steps, each adding one thing: plain {@code java -jar}; short-run JVM flags
 * (serial GC, C1 only); an AppCDS archive; JDK 25's AOT cache; and the {@code ./stowage} launcher,
 * which wires the winning setup. Archives are made by this benchmark before the rounds with the
 * CLI's own training run ({@code dev.stowage.cli.Training}), as the launcher does.
 *
 * <p>Every round runs every contender once, in an order rotating round by round; per contender the
 * median, min and max wall time (start to exit) and the median's ratio to hello's median. A full
 * run rewrites the {@code cold} section of {@code docs/benchmarks.md}; {@code --quick} prints only.
 */
public final class ColdBench {
    private static final int SIZE = 4096;
    private static final String BUCKET = "cold";
    private static final List<String> SHORT_RUN_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** One process to run: {@code group} is what it does, {@code name} how. */
    record Contender(String group, String name, List<String> command, Map<String, String> env) {
    }

    /** A contender's wall times in milliseconds, one per round. */
    record Times(Contender contender, List<Double> millis) {
        double median() {
            double[] s = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }

        double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private ColdBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int rounds = Integer.getInteger("rounds", quick ? 3 : 15);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path cliJar = Path.of(System.getProperty("cold.cli", "../stowage-cli/target/stowage-cli.jar")).toAbsolutePath()
                .normalize();
        Path launcher = cliJar.getParent().getParent().getParent().resolve("stowage");
        if (!Files.isRegularFile(cliJar)) {
            System.err.println(cliJar + " is missing: build it first (./mvnw -q -pl stowage-cli,stowage-bench -am package"
                    + " -DskipTests)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cold-");
        Path object = work.resolve("obj.bin");
        byte[] bytes = new byte[SIZE];
        new Random(42).nextBytes(bytes);
        Files.write(object, bytes);
        Path ownClasses = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        S3ProxyProcess proxy = S3ProxyProcess.start(work.resolve("s3proxy-store"), S3ProxyProcess.ACCESS,
                S3ProxyProcess.SECRET);
        try {
            String endpoint = proxy.endpoint().toString();
            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(S3ProxyProcess.ACCESS, S3ProxyProcess.SECRET))).build()) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            String s3Disk = "s3://" + BUCKET + "/cold/obj.bin?endpoint=" + endpoint
                    + "&region=us-east-1&path-style=true&access-key=" + S3ProxyProcess.ACCESS + "&secret-key=" + S3ProxyProcess.SECRET;
            Map<String, String> s3Env = Map.of("S3_ACCESS_KEY", S3ProxyProcess.ACCESS, "S3_SECRET_KEY", S3ProxyProcess.SECRET);

            Path jsa = work.resolve("cli.jsa");
            Path aot = work.resolve("cli.aot");
            train(java, work, cliJar, List.of("-XX:ArchiveClassesAtExit=" + jsa));
            train(java, work, cliJar, List.of("-XX:AOTCacheOutput=" + aot));

            List<Contender> all = new ArrayList<>();
            all.add(new Contender("hello", "java Hello", List.of(java, "-cp", ownClasses.toString(),
                    Hello.class.getName()), Map.of()));
            Map<String, List<String>> steps = new LinkedHashMap<>();
            steps.put("cli: java -jar", List.of());
            steps.put("cli: + serial GC, C1 only", SHORT_RUN_FLAGS);
            steps.put("cli: + AppCDS archive", concat(SHORT_RUN_FLAGS, "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off"));
            steps.put("cli: + AOT cache (JDK 25)", concat(SHORT_RUN_FLAGS, "-XX:AOTCache=" + aot));
            String sdkClassPath = ownClasses + File.pathSeparator + sdkJars();
            for (String op : List.of("put", "get")) {
                for (String where : List.of("local", "s3")) {
                    String group = where + " " + op + " 4 KiB";
                    List<String> cliArgs = op.equals("put")
                            ? List.of("put", "-q", object.toString(), where.equals("local") ? "cold/obj.bin" : s3Disk)
                            : List.of("get", "-q", where.equals("local") ? "cold/obj.bin" : s3Disk,
                                    work.resolve("got-" + where + ".bin").toString());
                    if (where.equals("local")) {
                        all.add(new Contender(group, "java.nio program", concat(List.of(java, "-cp", ownClasses.toString(),
                                RawNioPutGet.class.getName()), op.equals("put")
                                        ? new String[] {"put", object.toString(), work.resolve("nio").toString(), "cold/obj.bin"}
                                        : new String[] {"get", work.resolve("nio").toString(), "cold/obj.bin",
                                            work.resolve("got-nio.bin").toString()}), Map.of()));
                    } else {
                        all.add(new Contender(group, "AWS SDK program", concat(List.of(java, "-cp", sdkClassPath,
                                RawS3PutGet.class.getName()), op.equals("put")
                                        ? new String[] {"put", object.toString(), endpoint, BUCKET, "cold/obj.bin"}
                                        : new String[] {"get", endpoint, BUCKET, "cold/obj.bin",
                                            work.resolve("got-sdk.bin").toString()}), s3Env));
                    }
                    steps.forEach((name, flags) -> {
                        List<String> command = new ArrayList<>(List.of(java));
                        command.addAll(flags);
                        command.addAll(List.of("-jar", cliJar.toString()));
                        command.addAll(cliArgs);
                        all.add(new Contender(group, name, command, Map.of()));
                    });
                    if (Files.isExecutable(launcher)) {
                        List<String> command = new ArrayList<>(List.of(launcher.toString()));
                        command.addAll(cliArgs);
                        all.add(new Contender(group, "cli: ./stowage launcher", command,
                                Map.of("STOWAGE_NO_BUILD", "1", "JAVA_HOME", javaHome(java))));
                    }
                }
            }
            // The launcher makes its archive on first use: not inside the rounds.
            for (Contender c : all) {
                run(c, work);
            }
            List<Times> times = rounds(all, rounds, work);
            String table = table(times);
            System.out.println(table);
            if (!quick) {
                Path docs = Path.of(System.getProperty("docs", "../docs")).toAbsolutePath().normalize();
                MarkdownSections.replace(docs.resolve("benchmarks.md"), "cold", section(table, rounds));
                System.out.println("wrote the cold section of " + docs.resolve("benchmarks.md"));
            }
        } finally {
            proxy.close();
        }
    }

    /**
     * Makes an archive with the CLI's training run (put/get/ls/stat/rm on a local disk and on a
     * stand-in S3); a CLI jar older than the training class (to measure an older build) trains on
     * one local put instead.
     */
    private static void train(String java, Path work, Path cliJar, List<String> flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(SHORT_RUN_FLAGS);
        command.addAll(flags);
        boolean hasTraining;
        try (JarFile jar = new JarFile(cliJar.toFile())) {
            hasTraining = jar.getEntry("dev/stowage/cli/Training.class") != null;
        }
        if (hasTraining) {
            command.addAll(List.of("-cp", cliJar.toString(), "dev.stowage.cli.Training", work.resolve("training").toString()));
        } else {
            command.addAll(List.of("-jar", cliJar.toString(), "put", "-q", work.resolve("obj.bin").toString(), "train.bin"));
        }
        run(new Contender("training", "training", command, Map.of()), work);
    }

    private static List<Times> rounds(List<Contender> all, int rounds, Path work) throws Exception {
        Map<Contender, List<Double>> millis = new LinkedHashMap<>();
        all.forEach(c -> millis.put(c, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < all.size(); i++) {
                Contender c = all.get((i + round) % all.size());
                millis.get(c).add(run(c, work));
            }
            System.out.println("round " + (round + 1) + "/" + rounds + " done");
        }
        List<Times> out = new ArrayList<>();
        millis.forEach((c, m) -> out.add(new Times(c, m)));
        return out;
    }

    /** Runs one process to its end; returns its wall time in milliseconds. */
    private static double run(Contender c, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(c.command()).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve("last-stderr.txt").toFile());
        pb.environment().putAll(c.env());
        long start = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException(c.group() + " / " + c.name() + " exited with " + code + ": "
                    + Files.readString(work.resolve("last-stderr.txt")) + "\ncommand: " + String.join(" ", c.command()));
        }
        return ms;
    }

    static String table(List<Times> times) {
        double hello = times.stream().filter(t -> t.contender().group().equals("hello")).findFirst().orElseThrow()
                .median();
        StringBuilder b = new StringBuilder();
        b.append("| workload | contender | median ms | min ms | max ms | median / hello |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Times t : times) {
            b.append(String.format("| %s | %s | %.0f | %.0f | %.0f | %.2fx |%n", t.contender().group(),
                    t.contender().name(), t.median(), t.min(), t.max(), t.median() / hello));
        }
        return b.toString();
    }

    private static String section(String table, int rounds) {
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        return String.join("\n",
                "Command (builds the CLI and the bench, then runs; s3proxy in its own JVM on 127.0.0.1):",
                "",
                "```",
                "./mvnw -q -pl stowage-cli,stowage-bench -am package -DskipTests exec:exec -Dbench=cold",
                "```",
                "",
                "Run of " + when + ", " + rounds + " rounds, contenders alternating (order rotating each round); "
                        + "wall time of a whole process, start to exit. Target: `stowage put`/`get` within 3x hello.",
                "",
                Machine.line() + " (the bench JVM; every contender runs the same JDK)",
                "",
                table);
    }

    /** The jars of the AWS SDK and its dependencies on this JVM's class path: the raw program's class path. */
    private static String sdkJars() {
        List<String> groups = List.of("/software/amazon/", "/org/reactivestreams/", "/org/slf4j/",
                "/org/apache/httpcomponents/");
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = entry.replace('\\', '/');
            if (groups.stream().anyMatch(unix::contains)) {
                jars.add(entry);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String javaHome(String java) {
        return Path.of(java).toAbsolutePath().getParent().getParent().toString();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }
}
