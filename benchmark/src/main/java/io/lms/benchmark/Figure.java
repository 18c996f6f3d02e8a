package io.lms.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A measured value, or how far a time-boxed run got. For cold loads, {@code value} is the mean and {@code median}
 * the median load (NaN for other figures).
 */
record Figure(double value, boolean timedOut, String unit, double median) {
    static final Figure NONE = new Figure(Double.NaN, false, "");

    Figure(double value, boolean timedOut, String unit) {
        this(value, timedOut, unit, Double.NaN);
    }

    String text() {
        if (Double.isNaN(value)) {
            return "-";
        }
        String number = unit.equals("ms") ? String.format(Locale.ROOT, "%.2f ms", value) : rate(value);
        return timedOut ? "timed out (" + number + " partial)" : number;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f /s", perSecond);
    }

    /** The median round (the lower middle one for an even count); timed out when that round timed out. */
    static Figure median(List<Figure> figures) {
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingDouble(Figure::value));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** ours/raw of each round, e.g. "0.45 · 0.50 · 0.34". */
    static String roundRatios(List<Figure> ours, List<Figure> raw) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            ratios.add(String.format(
                    Locale.ROOT, "%.2f", ours.get(i).value() / raw.get(i).value()));
        }
        return String.join(" · ", ratios);
    }
}
