package com.wuhou.ticketing.bench;

import java.util.Map;

/**
 * What one load run measured.
 *
 * @param perSecond the counted outcomes (holds, or admissions for the floor) per second of wall time
 * @param attemptsPerSecond every request per second
 */
record Result(
        String name,
        int attempts,
        double seconds,
        double perSecond,
        double attemptsPerSecond,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        Map<String, Integer> outcomes) {

    @Override
    public String toString() {
        return String.format(
                "%s: %d attempts in %.1f s = %.0f attempts/s; counted %.0f/s; latency p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms; outcomes %s",
                name, attempts, seconds, attemptsPerSecond, perSecond, p50Millis, p99Millis, maxMillis, outcomes);
    }
}
