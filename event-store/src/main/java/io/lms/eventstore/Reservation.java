package io.lms.eventstore;

import java.time.Instant;

/** A contiguous range of indexes taken from the counter, with the server's time of taking it. */
record Reservation(long first, long last, Instant reservedAt) {}
