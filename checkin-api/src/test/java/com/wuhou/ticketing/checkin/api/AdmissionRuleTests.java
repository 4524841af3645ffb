package com.wuhou.ticketing.checkin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate's rule, one row a case: what online and offline gates both answer. */
class AdmissionRuleTests {

    private static final LocalDate DAY = LocalDate.of(2027, 2, 10);
    private static final Duration GRACE = Duration.ofMinutes(30);

    @ParameterizedTest(name = "{0} {1} at {2}, {3} entries of {4} taken, inside here {5} → {6}")
    @CsvSource(
            nullValues = "-",
            value = {
                // status, direction, time, taken, entries, insideHere, answer
                "VALID,    IN,  10:00, 0, 1, 0, ACCEPTED",
                "VALID,    IN,  10:00, 1, 1, 1, ALREADY_USED",
                "VALID,    IN,  10:00, 1, 2, 0, ACCEPTED",
                "VALID,    IN,  10:00, 2, 2, 0, ALREADY_USED",
                "VALID,    IN,  08:29, 0, 1, 0, OUTSIDE_SESSION",
                "VALID,    IN,  08:30, 0, 1, 0, ACCEPTED",
                "VALID,    IN,  11:30, 0, 1, 0, ACCEPTED",
                "VALID,    IN,  11:31, 0, 1, 0, OUTSIDE_SESSION",
                "REFUNDED, IN,  10:00, 0, 1, 0, REFUNDED",
                // a visitor inside is let out, whatever happened to the ticket meanwhile
                "REFUNDED, OUT, 10:00, 1, 1, 1, ACCEPTED",
                "REFUNDED, OUT, 10:00, 0, 1, 0, NOT_ADMITTED",
                "VOID,     IN,  10:00, 0, 1, 0, UNKNOWN",
                // one OUT for each IN in this area
                "VALID,    OUT, 10:00, 1, 1, 1, ACCEPTED",
                "VALID,    OUT, 10:00, 1, 1, 0, NOT_ADMITTED",
                "VALID,    OUT, 10:00, 0, 1, 0, NOT_ADMITTED",
                "VALID,    OUT, 10:00, 2, 2, 2, ACCEPTED",
                // out after the session is still out
                "VALID,    OUT, 18:00, 1, 1, 1, ACCEPTED",
                // an offline gate cannot know who is inside: it lets the visitor out
                "VALID,    OUT, 10:00, 0, 1, -, ACCEPTED"
            })
    void shouldDecideEveryScanAsBothGatesDo(
            String status,
            String direction,
            LocalTime time,
            int taken,
            int entries,
            Integer insideHere,
            String answer) {
        AdmissionRule.Ticket ticket =
                new AdmissionRule.Ticket(status, DAY, LocalTime.of(9, 0), LocalTime.of(11, 0), entries);

        String decided = AdmissionRule.refusal(
                        ticket,
                        direction.equals("IN"),
                        DAY.atTime(time),
                        GRACE,
                        new AdmissionRule.History(taken, insideHere))
                .map(Enum::name)
                .orElse("ACCEPTED");

        assertThat(decided).isEqualTo(answer);
    }

    @Test
    void shouldRefuseToAdmitATicketOnAnotherDay() {
        AdmissionRule.Ticket ticket =
                new AdmissionRule.Ticket("VALID", DAY, LocalTime.of(9, 0), LocalTime.of(11, 0), 1);

        assertThat(AdmissionRule.refusal(
                        ticket,
                        true,
                        LocalDateTime.of(DAY.plusDays(1), LocalTime.of(10, 0)),
                        GRACE,
                        new AdmissionRule.History(0, 1)))
                .hasValue(Verification.Reason.NOT_TODAY);
    }
}
