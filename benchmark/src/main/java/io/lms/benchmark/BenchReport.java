package io.lms.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables the benchmark prints: one per store, and the large store against the small one. */
final class BenchReport {

    private BenchReport() {}

    static final String[] METRICS = {
        "append, 1 thread",
        "append, 8 threads",
        "cold load, 50 events",
        "cold load, snapshot + 9 events",
        "tracking read (from the middle)",
        "full replay into a projection"
    };

    static void printTable(String label, Map<String, Figure[]> figures) {
        String format = "| %-32s | %-16s | %-30s | %-16s | %-12s | %-12s |%n";
        System.out.println();
        System.out.println("### " + label);
        System.out.printf(
                Locale.ROOT,
                format,
                "metric",
                "indexed engine",
                "axon-mongo stock engine",
                "raw driver",
                "vs stock",
                "vs raw");
        System.out.printf(
                Locale.ROOT,
                format,
                "-".repeat(32),
                "-".repeat(16),
                "-".repeat(30),
                "-".repeat(16),
                "-".repeat(12),
                "-".repeat(12));
        figures.forEach((metric, values) -> System.out.printf(
                Locale.ROOT,
                format,
                metric,
                values[0].text(),
                values[1].text(),
                values[2].text(),
                ratio(values[0], values[1]),
                ratio(values[0], values[2])));
        System.out.println();
        // the table shows the mean of the cold loads; their medians show whether a few slow loads (a GC pause, a
        // compile) moved it
        figures.forEach((metric, values) -> {
            if (values[0].unit().equals("ms")) {
                System.out.printf(
                        Locale.ROOT,
                        "median %s: indexed engine %s, stock engine %s, raw driver %s%n",
                        metric,
                        medianText(values[0]),
                        medianText(values[1]),
                        medianText(values[2]));
            }
        });
        System.out.println();
    }

    private static String medianText(Figure figure) {
        return Double.isNaN(figure.median())
                ? "-"
                : String.format(Locale.ROOT, "%.2f ms%s", figure.median(), figure.timedOut() ? " (partial)" : "");
    }

    /** How many times better ours is (rates: ours/other; times: other/ours). */
    private static String ratio(Figure ours, Figure other) {
        if (Double.isNaN(ours.value()) || Double.isNaN(other.value()) || other.value() == 0 || ours.value() == 0) {
            return "-";
        }
        double r = ours.unit().equals("ms") ? other.value() / ours.value() : ours.value() / other.value();
        return String.format(Locale.ROOT, "%s%.2fx", other.timedOut() ? ">" : "", r);
    }

    static void printScaling(Map<String, Map<String, Figure[]>> all) {
        List<String> labels = new ArrayList<>(all.keySet());
        for (String backend : List.of("memory", "h2")) {
            List<String> runs =
                    labels.stream().filter(l -> l.startsWith(backend + ",")).toList();
            if (runs.size() < 2) {
                continue;
            }
            String small = runs.get(0);
            String large = runs.get(runs.size() - 1);
            System.out.println("### indexed engine: " + large + " against " + small + " (1.00x = no slower)");
            String format = "| %-32s | %-18s | %-18s | %-10s |%n";
            System.out.printf(Locale.ROOT, format, "metric", "small store", "large store", "slowdown");
            System.out.printf(Locale.ROOT, format, "-".repeat(32), "-".repeat(18), "-".repeat(18), "-".repeat(10));
            for (String metric : METRICS) {
                Figure a = all.get(small).get(metric)[0];
                Figure b = all.get(large).get(metric)[0];
                double slowdown = a.unit().equals("ms") ? b.value() / a.value() : a.value() / b.value();
                System.out.printf(
                        Locale.ROOT, format, metric, a.text(), b.text(), String.format(Locale.ROOT, "%.2fx", slowdown));
            }
            System.out.println();
        }
    }
}
