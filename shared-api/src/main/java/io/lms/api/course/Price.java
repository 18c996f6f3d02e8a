package io.lms.api.course;

import java.math.BigDecimal;

/** What a course costs: an amount of at most two fraction digits (0 is free) in an ISO 4217 currency. */
public record Price(BigDecimal amount, String currency) {}
