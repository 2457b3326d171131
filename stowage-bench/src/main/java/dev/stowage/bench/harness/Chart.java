package dev.stowage.bench.harness;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code docs/benchmarks.png} from the results file with XChart: per workload, Stowage's
 * median throughput ratio against OpenDAL, one bar per driver, with the target line at 1.0.
 */
public final class Chart {
    private Chart() {
    }

    /** Draws the chart of {@code rows} into {@code png}. */
    public static void draw(List<ResultsFile.Row> rows, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<ResultsFile.Row> vsOpendal = rows.stream().filter(r -> r.kind() == Baseline.Kind.OPENDAL).toList();
        if (vsOpendal.isEmpty()) {
            return;
        }
        Set<String> workloads = new LinkedHashSet<>();
        Map<String, Map<String, Double>> byDriver = new LinkedHashMap<>();
        for (ResultsFile.Row r : vsOpendal) {
            workloads.add(r.workload());
            byDriver.computeIfAbsent(r.driver(), d -> new LinkedHashMap<>()).put(r.workload(), r.median());
        }
        List<String> categories = new ArrayList<>(workloads);
        CategoryChart chart = new CategoryChartBuilder().width(1600).height(760)
                .title("Stowage vs Apache OpenDAL (Java binding 0.48.2): throughput ratio, median of rounds, log scale (> 1: Stowage faster)")
                .xAxisTitle("workload").yAxisTitle("Stowage / OpenDAL").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // ratios span 0.5x-50x (a memory listing is not a network round trip): a log axis keeps the
        // ones near the 1.0 line readable
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1);
        chart.getStyler().setAvailableSpaceFill(0.8);
        for (Map.Entry<String, Map<String, Double>> e : byDriver.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (String w : categories) {
                values.add(e.getValue().getOrDefault(w, 0.0));
            }
            chart.addSeries(e.getKey(), categories, values);
        }
        List<Double> target = categories.stream().map(c -> 1.0).toList();
        CategorySeries line = chart.addSeries("target (1.0)", categories, target);
        line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        line.setLineColor(Color.RED);
        line.setMarkerColor(Color.RED);
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file,
                BitmapEncoder.BitmapFormat.PNG);
    }
}
