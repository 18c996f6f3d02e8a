package io.lms.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Samples a service's heap every 200 ms from {@code /actuator/prometheus}: the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the pools, and {@code jvm_gc_live_data_size_bytes} (the old
 * generation after the last collection, what the heap really holds).
 */
final class HeapSampler {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String url;
    private final List<Double> used = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> live = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError = "";

    private HeapSampler(String base) {
        this.url = base + "/actuator/prometheus";
        this.thread = new Thread(this::run, "heap-sampler");
        this.thread.setDaemon(true);
    }

    static HeapSampler start(String base) {
        HeapSampler sampler = new HeapSampler(base);
        sampler.thread.start();
        return sampler;
    }

    /** Waits until there is a sample, at most {@code seconds}. */
    HeapSampler awaitSample(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && used.isEmpty(); i++) {
            Thread.sleep(100);
        }
        return this;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** "used min–max MiB (n samples), live after GC min–max MiB". */
    String summary() {
        if (used.isEmpty()) {
            return "no sample (" + lastError + ")";
        }
        return String.format(
                Locale.ROOT,
                "used %.0f–%.0f MiB over %d samples, live after GC %.0f–%.0f MiB",
                mib(Collections.min(used)),
                mib(Collections.max(used)),
                used.size(),
                mib(live.isEmpty() ? 0 : Collections.min(live)),
                mib(live.isEmpty() ? 0 : Collections.max(live)));
    }

    private void run() {
        while (running) {
            try {
                String text = HTTP.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                double heap = 0;
                for (String line : text.split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heap += value(line);
                    } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                        live.add(value(line));
                    }
                }
                used.add(heap);
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError = e.toString(); // a missed sample is only a gap
            }
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }
}
