package com.wuhou.ticketing.bench;

import java.util.Map;

/**
 * What one load phase measured.
 *
 * @param counted the outcomes the phase is about (holds, admissions, 200s), the unit of work
 */
record Result(
        String name,
        int attempts,
        int counted,
        double seconds,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        Map<String, Integer> outcomes) {

    /** Counted outcomes per second of wall time. */
    double perSecond() {
        return counted / seconds;
    }

    double attemptsPerSecond() {
        return attempts / seconds;
    }

    int count(String outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    @Override
    public String toString() {
        return String.format(
                "%s: %d attempts in %.1f s = %.0f attempts/s; counted %.0f/s; latency p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms; outcomes %s",
                name, attempts, seconds, attemptsPerSecond(), perSecond(), p50Millis, p99Millis, maxMillis, outcomes);
    }
}
