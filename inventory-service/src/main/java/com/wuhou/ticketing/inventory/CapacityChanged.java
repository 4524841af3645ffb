package com.wuhou.ticketing.inventory;

import java.time.LocalDate;

/** Published when an operator changes a date's capacities, so the admission gate follows at once. */
public record CapacityChanged(LocalDate date) {}
