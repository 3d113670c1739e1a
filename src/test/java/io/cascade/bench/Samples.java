package io.cascade.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A set of measurements in milliseconds, summarised as count, median, p95 and max. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    synchronized void add(double millis) {
        values.add(millis);
    }

    synchronized int count() {
        return values.size();
    }

    synchronized double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        // Nearest rank: the smallest value with at least p % of the samples at or below it.
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    double median() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    double max() {
        return percentile(100);
    }

    static String ms(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
