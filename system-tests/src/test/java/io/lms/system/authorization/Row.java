package io.lms.system.authorization;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One line of an {@link AuthorizationRows#table()}: an endpoint, its target, and each caller's status. */
record Row(String method, String path, String target, Map<Who, Integer> expected) {

    private static final int FIXED_COLUMNS = 3;

    String endpoint() {
        return method + " " + path;
    }

    static List<Row> parse(String table) {
        List<Row> rows = new ArrayList<>();
        for (String line : table.strip().lines().skip(1).toList()) {
            if (!line.isBlank()) {
                rows.add(parseLine(line.strip()));
            }
        }
        return rows;
    }

    private static Row parseLine(String line) {
        String[] cells = line.split("\\s+");
        if (cells.length != FIXED_COLUMNS + Who.values().length) {
            throw new IllegalArgumentException(
                    "a row needs method, path, target and " + Who.values().length + " statuses: " + line);
        }
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        for (Who who : Who.values()) {
            String cell = cells[FIXED_COLUMNS + who.ordinal()];
            if (!cell.equals("-")) {
                expected.put(who, Integer.valueOf(cell));
            }
        }
        return new Row(cells[0], cells[1], cells[2], expected);
    }

    @Override
    public String toString() {
        return endpoint() + " on " + target;
    }
}
