package dev.stowage.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one-table overview at the top of {@code docs/benchmarks.md}: every workload against every
 * driver, Stowage's median ratio against OpenDAL and against the raw path, misses in bold, from
 * the results file (so it always covers each driver's last run).
 */
public final class Summary {
    private Summary() {
    }

    /** The overview table of {@code rows}. */
    public static String markdown(List<ResultsFile.Row> rows) {
        Set<String> drivers = new LinkedHashSet<>();
        Set<String> workloads = new LinkedHashSet<>();
        Map<String, ResultsFile.Row> cells = new LinkedHashMap<>();
        Map<String, String> measured = new LinkedHashMap<>();
        for (ResultsFile.Row r : rows) {
            drivers.add(r.driver());
            workloads.add(r.workload());
            measured.put(r.driver(), r.measured());
            String kind = r.kind() == Baseline.Kind.OPENDAL ? "opendal" : "raw";
            cells.putIfAbsent(r.driver() + "|" + r.workload() + "|" + kind, r);
        }
        StringBuilder b = new StringBuilder();
        b.append("Median throughput ratio Stowage / OpenDAL, then Stowage / raw SDK or NIO (target 1.00 and ")
                .append("0.95, 0.90 for local NIO); **bold** = target missed, – = not measured. Each driver's last ")
                .append("full run: ");
        List<String> when = new ArrayList<>();
        measured.forEach((d, m) -> when.add(d + " " + m));
        b.append(String.join(", ", when)).append(".\n\n| workload |");
        drivers.forEach(d -> b.append(' ').append(d).append(" |"));
        b.append("\n|---|");
        drivers.forEach(d -> b.append("---|"));
        b.append('\n');
        for (String w : workloads) {
            b.append("| ").append(w).append(" |");
            for (String d : drivers) {
                b.append(' ').append(cell(cells.get(d + "|" + w + "|opendal"))).append(" / ")
                        .append(cell(cells.get(d + "|" + w + "|raw"))).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String cell(ResultsFile.Row r) {
        if (r == null) {
            return "–";
        }
        String v = String.format(Locale.ROOT, "%.2f", r.median());
        return r.median() >= r.target() ? v : "**" + v + "**";
    }
}
