package dev.stowage.driver.s3.ceph;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one throw-away Ceph cluster (mon + memstore OSD + radosgw) of this JVM, brought up by the
 * repository's {@code tools/ceph/up} on first use and stopped by {@code tools/ceph/down} when the tests
 * are over (see {@link CephRgwExtension}) or, failing that, when the JVM exits.
 *
 * <p>The scratch directory is {@code $STOWAGE_CEPH_DIR} if set, else one per checkout
 * ({@code ${java.io.tmpdir}/stowage-ceph-HASH}), so that two checkouts testing at once do not stop each
 * other's cluster. A cluster that was already up before this JVM (started by hand) is reused and left
 * running.
 */
final class CephRgw {

    private static final long UP_TIMEOUT_SECONDS = 300;
    private static final long DOWN_TIMEOUT_SECONDS = 120;
    private static final ReentrantLock LOCK = new ReentrantLock();

    /** The outcome of the first start attempt, kept for every later caller. */
    private static Outcome outcome;

    /** What the first attempt gave: an endpoint, or why there is none. */
    record Outcome(RgwEndpoint endpoint, String problem, boolean startedHere, Path root) {
    }

    private CephRgw() {
    }

    /** Brings the cluster up once per JVM (later calls return the first outcome). */
    static Outcome start() {
        LOCK.lock();
        try {
            if (outcome == null) {
                outcome = bringUp();
                if (outcome.startedHere()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(CephRgw::stop, "ceph-down"));
                }
            }
            return outcome;
        } finally {
            LOCK.unlock();
        }
    }

    /** Stops the cluster if this JVM started it; idempotent. */
    static void stop() {
        LOCK.lock();
        try {
            if (outcome == null || !outcome.startedHere()) {
                return;
            }
            Outcome started = outcome;
            outcome = new Outcome(null, "the Ceph cluster of this JVM was already stopped", false, started.root());
            run(started.root(), "down", started.endpoint().dir(), DOWN_TIMEOUT_SECONDS);
        } catch (IOException e) {
            Console.say("tools/ceph/down failed: " + e.getMessage());
        } finally {
            LOCK.unlock();
        }
    }

    private static Outcome bringUp() {
        Optional<Path> root = repositoryRoot();
        if (root.isEmpty()) {
            return new Outcome(null, "tools/ceph/up not found above " + System.getProperty("user.dir"), false, null);
        }
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new Outcome(null, "tools/ceph/up needs Linux, this is " + System.getProperty("os.name"), false,
                    root.get());
        }
        Path dir = scratchDir(root.get());
        try {
            Optional<String> fsidBefore = fsid(dir);
            long started = System.nanoTime();
            String out = run(root.get(), "up", dir, UP_TIMEOUT_SECONDS);
            Map<String, String> env = parse(out);
            RgwEndpoint endpoint = new RgwEndpoint(URI.create(required(env, "S3_ENDPOINT")),
                    required(env, "S3_ACCESS_KEY"), required(env, "S3_SECRET_KEY"), required(env, "S3_REGION"),
                    Path.of(required(env, "CEPH_DIR")));
            boolean reused = fsidBefore.isPresent() && fsidBefore.equals(Optional.ofNullable(env.get("CEPH_FSID")));
            Console.say("RGW " + (reused ? "reused" : "up") + " at " + endpoint.endpoint() + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            return new Outcome(endpoint, null, !reused, root.get());
        } catch (IOException e) {
            return new Outcome(null, e.getMessage(), false, root.get());
        }
    }

    /** The directory holding {@code tools/ceph/up}, walking up from the working directory. */
    static Optional<Path> repositoryRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tools/ceph/up"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path scratchDir(Path root) {
        String fromEnv = System.getenv("STOWAGE_CEPH_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String tmp = Optional.ofNullable(System.getenv("TMPDIR")).filter(t -> !t.isBlank()).orElse("/tmp");
        return Path.of(tmp, "stowage-ceph-" + Integer.toHexString(root.toString().hashCode()));
    }

    private static Optional<String> fsid(Path dir) {
        try {
            return Optional.ofNullable(parse(Files.readString(dir.resolve("env"))).get("CEPH_FSID"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code tools/ceph/SCRIPT DIR}; copies its stderr to the console; returns its stdout. */
    private static String run(Path root, String script, Path dir, long timeoutSeconds) throws IOException {
        Path stdout = Files.createTempFile("stowage-ceph-" + script, ".out");
        Path stderr = Files.createTempFile("stowage-ceph-" + script, ".err");
        try {
            Process process = new ProcessBuilder("bash", root.resolve("tools/ceph/" + script).toString(),
                    dir.toString())
                    .redirectError(stderr.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                await(process, script, timeoutSeconds);
            } finally {
                Console.say(Files.readString(stderr).strip());
            }
            int rc = process.exitValue();
            if (rc != 0) {
                throw new IOException("tools/ceph/" + script + " " + dir + " exited with " + rc
                        + (rc == 3 ? " (Ceph is not installed and cannot be installed here: not root or no apt)"
                                : "")
                        + "; its messages are on stderr above");
            }
            return Files.readString(stdout);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static void await(Process process, String script, long timeoutSeconds) throws IOException {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("tools/ceph/" + script + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tools/ceph/" + script, e);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> env = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return env;
    }

    private static String required(Map<String, String> env, String name) throws IOException {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IOException("tools/ceph/up printed no " + name);
        }
        return value;
    }
}
