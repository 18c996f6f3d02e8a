package io.lms.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The benchmark's command-line options (see docs/event-store.md, "Benchmark"). */
record BenchOptions(
        List<Integer> sizes,
        List<String> backends,
        int h2MaxSize,
        Duration stockBudget,
        int appends,
        int reads,
        int loads,
        Duration warmUp,
        Duration measure,
        int appendRounds,
        int readRounds,
        boolean appendsOnly,
        boolean inProcess,
        String serverHeap,
        List<String> serverJavaOptions,
        int indexPoolMaxSurplus) {

    static BenchOptions parse(String[] args) {
        List<Integer> sizes = List.of(10_000, 1_000_000);
        List<String> backends = List.of("memory", "h2");
        int h2Max = 10_000;
        int stockSeconds = 60;
        int appends = 2_000;
        int reads = 50_000;
        int loads = 50;
        int warmUpSeconds = 3;
        int measureSeconds = 3;
        int appendRounds = 3;
        int readRounds = 3;
        boolean appendsOnly = false;
        boolean inProcess = false;
        // the memory backend holds about 3.3 GB live per million events (after a full GC), and the raw collection's
        // copy doubles that during the append rounds: at 8g the later rounds of raw and ours alike collapsed in GC
        String serverHeap = "12g";
        List<String> serverJavaOptions = List.of();
        int indexPoolMaxSurplus = 64;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(value.split(","))
                        .map(s -> Integer.parseInt(s.trim().replace("_", "")))
                        .toList();
                case "--backends" -> backends = List.of(value.split(","));
                case "--h2-max-size" -> h2Max = Integer.parseInt(value);
                case "--stock-budget-seconds" -> stockSeconds = Integer.parseInt(value);
                case "--appends" -> appends = Integer.parseInt(value);
                case "--reads" -> reads = Integer.parseInt(value);
                case "--loads" -> loads = Math.min(50, Integer.parseInt(value));
                case "--warm-up-seconds" -> warmUpSeconds = Integer.parseInt(value);
                case "--append-seconds" -> measureSeconds = Integer.parseInt(value);
                case "--append-rounds" -> appendRounds = Math.max(1, Integer.parseInt(value));
                case "--read-rounds" -> readRounds = Math.max(1, Integer.parseInt(value));
                case "--appends-only" -> {
                    appendsOnly = true;
                    i--; // a flag without a value
                }
                case "--in-process" -> {
                    inProcess = true;
                    i--;
                }
                case "--server-heap" -> serverHeap = value;
                case "--index-pool" -> indexPoolMaxSurplus = Integer.parseInt(value);
                case "--server-java-options" -> serverJavaOptions = Arrays.stream(
                                value.trim().split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        return new BenchOptions(
                sizes,
                backends,
                h2Max,
                Duration.ofSeconds(stockSeconds),
                appends,
                reads,
                loads,
                Duration.ofSeconds(warmUpSeconds),
                Duration.ofSeconds(measureSeconds),
                appendRounds,
                readRounds,
                appendsOnly,
                inProcess,
                serverHeap,
                serverJavaOptions,
                indexPoolMaxSurplus);
    }
}
