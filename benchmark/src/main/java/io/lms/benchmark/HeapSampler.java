package io.lms.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Samples a JVM's heap every 250 ms with {@code jstat -gc <pid> 250} (one attached process, no requests to the
 * service): the heap in use (survivors, eden and old generation) and the old generation alone, which holds what
 * outlives a young collection. The query side's {@code /actuator/prometheus} was not used: at a million events one
 * scrape took longer than 5 s.
 */
final class HeapSampler {

    private final List<Double> used = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> old = Collections.synchronizedList(new ArrayList<>());
    private final Process jstat;
    private final Thread reader;

    private HeapSampler(long pid) throws IOException {
        this.jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "250")
                .redirectErrorStream(true)
                .start();
        this.reader = new Thread(this::read, "heap-sampler");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static HeapSampler start(long pid) throws IOException {
        return new HeapSampler(pid);
    }

    /** Waits until there is a sample, at most {@code seconds}. */
    HeapSampler awaitSample(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && used.isEmpty(); i++) {
            Thread.sleep(100);
        }
        return this;
    }

    void stop() throws InterruptedException {
        jstat.destroy();
        reader.join(2_000);
    }

    /** "in use min–max MiB, old generation min–max MiB, n samples". */
    String summary() {
        if (used.isEmpty()) {
            return "no sample";
        }
        return String.format(
                Locale.ROOT,
                "in use %.0f–%.0f MiB, old generation %.0f–%.0f MiB (%d samples)",
                Collections.min(used),
                Collections.max(used),
                Collections.min(old),
                Collections.max(old),
                used.size());
    }

    /** Columns S0C S1C S0U S1U EC EU OC OU ... in KiB; a header line now and then. */
    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            List<String> header = null;
            for (String line; (line = lines.readLine()) != null; ) {
                List<String> cells = List.of(line.trim().split("\\s+"));
                if (cells.contains("EU")) {
                    header = cells;
                } else if (header != null && cells.size() == header.size()) {
                    double s0 = kib(cells, header, "S0U"), s1 = kib(cells, header, "S1U");
                    double eden = kib(cells, header, "EU"), oldGen = kib(cells, header, "OU");
                    used.add((s0 + s1 + eden + oldGen) / 1024);
                    old.add(oldGen / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the sampler ends with jstat
        }
    }

    private static double kib(List<String> cells, List<String> header, String column) {
        return Double.parseDouble(cells.get(header.indexOf(column)));
    }
}
