package dev.stowage.cli;

import dev.stowage.AccessDeniedException;
import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stowage doctor}: checks every configured disk (or those named): it can be created, is
 * reachable, accepts its credentials (a listing under {@code .stowage-doctor/}), and a probe object
 * under {@code .stowage-doctor/} can be written, read back identical and deleted. Prints a table;
 * exits 1 if any check failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check each configured disk: reachable, credentials valid, and a probe object under",
            ".stowage-doctor/ written, read back and deleted. Exit code 1 if any check fails."})
final class DoctorCommand extends StorageCommand {
    static final String PROBE_PREFIX = ".stowage-doctor/";

    @Parameters(arity = "0..*", paramLabel = "DISK", description = "Disks to check (default: every configured disk).")
    List<String> only;

    private record Row(String disk, String driver, Map<String, String> checks, String problem) {
    }

    @Override
    int run() {
        List<String> names = only == null || only.isEmpty() ? new ArrayList<>(ctx.catalog().names()) : only;
        List<Row> rows = new ArrayList<>();
        boolean ok = true;
        for (String name : names) {
            Row row = check(name);
            ok &= row.problem() == null;
            rows.add(row);
        }
        String format = "%-16s %-8s %-10s %-12s %-6s %-6s %-6s %s%n";
        ctx.out().printf(format, "DISK", "DRIVER", "REACHABLE", "CREDENTIALS", "WRITE", "READ", "DELETE", "PROBLEM");
        for (Row r : rows) {
            ctx.out().printf(format, r.disk(), r.driver(), r.checks().get("reachable"), r.checks().get("credentials"),
                    r.checks().get("write"), r.checks().get("read"), r.checks().get("delete"),
                    r.problem() == null ? "" : ctx.disks().mask(r.problem().replaceAll("\\R+", " ")));
        }
        note(ok ? rows.size() + " disk(s) healthy" : "some checks failed");
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private Row check(String name) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (String c : List.of("reachable", "credentials", "write", "read", "delete")) {
            checks.put(c, "-");
        }
        String driver = "?";
        if (ctx.catalog() instanceof ConfiguredDisks configured) {
            driver = configured.config().disk(name).map(d -> d.driver().isEmpty() ? "?" : d.driver()).orElse("?");
        }
        String step = "reachable";
        try {
            DiskRef ref = ctx.catalog().named(name).orElseThrow(() -> new StorageConfigurationException(name,
                    "no disk named '" + name + "' is configured"));
            Storage storage = ctx.disks().open(ref);
            storage.list(ListRequest.prefix(PROBE_PREFIX).limit(1));
            checks.put("reachable", "ok");
            checks.put("credentials", "ok");
            String key = PROBE_PREFIX + UUID.randomUUID() + ".txt";
            byte[] body = ("stowage doctor probe " + key).getBytes(StandardCharsets.UTF_8);
            step = "write";
            storage.put(key, Content.of(body));
            checks.put("write", "ok");
            step = "read";
            try (InputStream in = storage.open(key)) {
                if (!java.util.Arrays.equals(in.readAllBytes(), body)) {
                    throw new IllegalStateException("the probe read back differs from what was written");
                }
            }
            checks.put("read", "ok");
            step = "delete";
            storage.delete(key);
            checks.put("delete", "ok");
            return new Row(name, driver, checks, null);
        } catch (Exception e) {
            if (step.equals("reachable")) {
                if (e instanceof AccessDeniedException) {
                    checks.put("reachable", "ok");
                    step = "credentials";
                } else if (!(e instanceof StorageUnavailableException) && !(e instanceof StorageConfigurationException)
                        && e instanceof StorageException) {
                    checks.put("reachable", "ok");
                    step = "credentials";
                }
            }
            checks.put(step, "FAIL");
            return new Row(name, driver, checks, Failures.message(e));
        }
    }
}
