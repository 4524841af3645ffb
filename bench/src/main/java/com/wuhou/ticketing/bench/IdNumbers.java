package com.wuhou.ticketing.bench;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid, distinct mainland ID numbers (region 110105, birth dates from a random start, check digit):
 * number {@code n} of an instance is the same whichever thread asks, so concurrent buyers never share one.
 */
final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private final LocalDate firstBirth =
            LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15_000));

    String at(int n) {
        String body = "110105" + firstBirth.plusDays(n / 1000).toString().replace("-", "") + "%03d".formatted(n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
