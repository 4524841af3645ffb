package com.wuhou.ticketing.inventory.hold;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * An admission whose process died before it wrote the ledger holds places only in Redis; once it is
 * older than the grace period the reconciler gives them back.
 */
@SpringBootTest(properties = "ticketing.inventory.reconcile-grace=10s")
@ActiveProfiles("test")
@RealInfrastructure
class ReconcilerTests {

    private static final String A_VISITOR = "a".repeat(64);

    /** The service's clock, moved forward by the test instead of waiting for time to pass. */
    static final class AdjustableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }
    }

    @TestConfiguration
    static class ClockConfiguration {

        @Bean
        @Primary
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }

    @Autowired
    AdjustableClock clock;

    @Autowired
    CapacityStore store;

    @Autowired
    Reconciler reconciler;

    @Autowired
    CalendarService calendar;

    @Autowired
    SessionService sessions;

    @Autowired
    HoldService holds;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldGiveBackPlacesOfAdmissionThatNeverReachedLedger() {
        LocalDate date = LocalDate.of(2027, 6, 1);
        calendar.set(date, true, 10);
        Session session = sessions.create(date, LocalTime.of(9, 0), LocalTime.of(11, 0), 2);
        HoldKeys keys = new HoldKeys(date);
        reconciler.reconcile(date);

        assertThat(store.admit(keys, session.sessionId(), "crashed-order", List.of(A_VISITOR)))
                .isEqualTo(CapacityStore.Admission.ADMITTED);
        assertThat(holds.taken(date).session().apply(session.sessionId())).isEqualTo(1L);
        // Within the grace period the admission may still be writing its rows: it stays.
        clock.advance(Duration.ofSeconds(5));
        reconciler.reconcile(date);
        assertThat(store.isAdmitted(keys, "crashed-order")).isTrue();
        clock.advance(Duration.ofSeconds(6));

        long oversold = reconciler.reconcile(date);

        assertThat(holds.taken(date).session().apply(session.sessionId())).isZero();
        assertThat(holds.taken(date).day()).isZero();
        assertThat(store.isAdmitted(keys, "crashed-order")).isFalse();
        assertThat(oversold).isZero();
        // The same visitor is free to book again.
        assertThat(store.admit(keys, session.sessionId(), "second-try", List.of(A_VISITOR)))
                .isEqualTo(CapacityStore.Admission.ADMITTED);
        clock.advance(Duration.ofSeconds(11));
        reconciler.reconcileUpcoming();
        assertThat(store.isAdmitted(keys, "second-try")).isFalse();
        assertThat(meters.get("inventory.oversold.units").gauge().value()).isZero();
    }
}
