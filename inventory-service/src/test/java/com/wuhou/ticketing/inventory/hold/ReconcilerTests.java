package com.wuhou.ticketing.inventory.hold;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.hold.CapacityController.CapacityChange;
import com.wuhou.ticketing.inventory.hold.CapacityController.DaySettings;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.inventory.tickettype.TicketType;
import com.wuhou.ticketing.inventory.tickettype.TicketTypeService;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * An admission whose process died before it wrote the ledger holds places only in Redis; once it is
 * older than the grace period the reconciler gives them back. A run held between its reads and its
 * script (as a slow run would be) undoes neither an operator's capacity cut nor places given back at
 * the gate meanwhile.
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

    @Autowired
    CapacityController capacities;

    @Autowired
    TicketTypeService ticketTypes;

    @Autowired
    Ledger ledger;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void adultTicketsOnSale() {
        if (ticketTypes.all().stream().noneMatch(t -> t.code().equals("ADULT"))) {
            ticketTypes.create(new TicketType("ADULT", "成人票", 5000L, true, true, 1));
        }
    }

    @AfterEach
    void noRunHeld() {
        reconciler.afterReads = date -> {};
        background.shutdownNow();
    }

    @Test
    void shouldGiveBackPlacesOfAdmissionThatNeverReachedLedger() {
        LocalDate date = day(1);
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

    @Test
    void shouldKeepAnOperatorsSessionCutThatComesWhileARunIsUnderWay() throws Exception {
        Session session = openDay(day(2));
        assertThat(hold(session, visitor(), visitor())).isEqualTo(Hold.HELD);

        cutWhileARunIsHeld(session.date(), () -> capacities.change(session.sessionId(), new CapacityChange(3)));

        assertThat(sessions.find(session.sessionId()).orElseThrow().capacity()).isEqualTo(3);
        assertOnePlaceLeft(session);
    }

    @Test
    void shouldKeepAnOperatorsDayCapCutThatComesWhileARunIsUnderWay() throws Exception {
        LocalDate date = day(3);
        Session session = openDay(date);
        assertThat(hold(session, visitor(), visitor())).isEqualTo(Hold.HELD);

        cutWhileARunIsHeld(date, () -> capacities.put(date, new DaySettings(true, 3)));

        assertThat(calendar.day(date).dailyCapacity()).isEqualTo(3);
        assertOnePlaceLeft(session);
    }

    @Test
    void shouldNotTakeBackARefundedPlaceWhenTheRunReadTheLedgerBeforeTheRefund() throws Exception {
        LocalDate date = day(4);
        Session session = openDay(date);
        String refunded = visitor();
        assertThat(holdFor("order-refund", session, refunded, visitor())).isEqualTo(Hold.HELD);
        holds.confirm("order-refund");
        HeldRun run = new HeldRun(date);

        releaseAsOrderServiceDoes("order-refund", Release.of(List.of(refunded)));
        run.resume();

        assertThat(hold(session, refunded)).isEqualTo(Hold.HELD);
        assertThat(holds.taken(date).day())
                .isEqualTo(2L)
                .isEqualTo(ledger.live(date).size());
        assertThat(holds.taken(date).session().apply(session.sessionId())).isEqualTo(2L);
    }

    @Test
    void shouldNotTakeBackACancelledHoldWhenTheRunReadTheLedgerBeforeTheCancellation() throws Exception {
        LocalDate date = day(5);
        Session session = openDay(date);
        String cancelled = visitor();
        assertThat(holdFor("order-cancel", session, cancelled)).isEqualTo(Hold.HELD);
        HeldRun run = new HeldRun(date);

        releaseAsOrderServiceDoes("order-cancel", Release.all());
        run.resume();

        assertThat(hold(session, cancelled)).isEqualTo(Hold.HELD);
        assertThat(holds.taken(date).day())
                .isEqualTo(1L)
                .isEqualTo(ledger.live(date).size());
    }

    @Test
    void shouldRebuildFromAFreshReadWhenRedisLosesItsDataWhileARunIsUnderWay() throws Exception {
        LocalDate date = day(7);
        Session session = openDay(date);
        String cancelled = visitor();
        assertThat(holdFor("order-kept", session, visitor())).isEqualTo(Hold.HELD);
        assertThat(holdFor("order-expired", session, cancelled)).isEqualTo(Hold.HELD);
        HeldRun run = new HeldRun(date);

        releaseAsOrderServiceDoes("order-expired", Release.all());
        redis.getConnectionFactory().getConnection().serverCommands().flushDb();
        run.resume();

        assertThat(hold(session, cancelled)).isEqualTo(Hold.HELD);
        assertThat(store.isAdmitted(new HoldKeys(date), "order-kept")).isTrue();
        assertThat(holds.taken(date).day())
                .isEqualTo(2L)
                .isEqualTo(ledger.live(date).size());
    }

    /** An open day (cap 100) with one session of 10 places. */
    private Session openDay(LocalDate date) {
        calendar.set(date, true, 100);
        return sessions.create(date, LocalTime.of(9, 0), LocalTime.of(11, 0), 10);
    }

    /** A buyer gets the last place under the cut; the next is refused. */
    private void assertOnePlaceLeft(Session session) {
        assertThat(hold(session, visitor())).isEqualTo(Hold.HELD);
        assertThat(hold(session, visitor())).isEqualTo("SOLD_OUT");
    }

    /** A reconcile run of a date, held after its reads (ledger and capacities) until it is resumed. */
    private final class HeldRun {

        private final CountDownLatch resumed = new CountDownLatch(1);
        private final Future<Long> run;

        HeldRun(LocalDate date) throws InterruptedException {
            CountDownLatch reached = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            reconciler.afterReads = d -> {
                if (d.equals(date) && first.compareAndSet(true, false)) {
                    reached.countDown();
                    awaitResumed();
                }
            };
            run = background.submit(() -> reconciler.reconcile(date));
            assertThat(reached.await(10, SECONDS)).as("the run has read").isTrue();
        }

        void resume() throws Exception {
            resumed.countDown();
            run.get(20, SECONDS);
        }

        private void awaitResumed() {
            try {
                if (!resumed.await(30, SECONDS)) {
                    throw new IllegalStateException("the held run was never resumed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The operator's change comes after the run read the old capacities and before its script. */
    private void cutWhileARunIsHeld(LocalDate date, Callable<?> cut) throws Exception {
        HeldRun run = new HeldRun(date);
        Future<?> change = background.submit(cut);
        // The change is done, or it waits for a row lock until the run has run its script.
        await().atMost(Duration.ofSeconds(10)).until(() -> change.isDone() || lockWaits() > 0);
        run.resume();
        change.get(20, SECONDS);
    }

    private int lockWaits() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'", Integer.class);
    }

    /** As order-service: the ledger inside its global transaction, then the gate after the commit. */
    private void releaseAsOrderServiceDoes(String holdRef, Release release) {
        holds.release(holdRef, release, true);
        holds.release(holdRef, release, false);
    }

    /** What buyers of one order get: {@code HELD}, or the code of the refusal. */
    private String holdFor(String holdRef, Session session, String... visitors) {
        List<Hold.Unit> units =
                Arrays.stream(visitors).map(v -> Hold.Unit.of("ADULT", v)).toList();
        try {
            return holds.hold(Hold.request(
                            holdRef, session.sessionId(), units, clock.instant().plus(Duration.ofMinutes(15))))
                    .state();
        } catch (ApiException e) {
            return e.errorCode().code();
        }
    }

    private String hold(Session session, String... visitors) {
        return holdFor("order-" + UUID.randomUUID(), session, visitors);
    }

    private static String visitor() {
        return UUID.randomUUID().toString().replace("-", "").repeat(2);
    }

    /** A date a few weeks after the clock's today, one per test, so no test books a date that has passed. */
    private LocalDate day(int n) {
        return LocalDate.ofInstant(clock.instant(), Reconciler.MUSEUM).plusDays(20 + n);
    }
}
