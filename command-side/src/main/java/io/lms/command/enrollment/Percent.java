package io.lms.command.enrollment;

/** A share in percent, to two decimals (1 of 3 is 33.33), so that stored figures read as people expect. */
final class Percent {

    private Percent() {}

    static double of(int part, int whole) {
        if (whole <= 0) {
            return 0;
        }
        return Math.round(part * 10_000.0 / whole) / 100.0;
    }
}
