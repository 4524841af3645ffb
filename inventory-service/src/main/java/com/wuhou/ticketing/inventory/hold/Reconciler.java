package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.CapacityChanged;
import com.wuhou.ticketing.inventory.InventoryProperties;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.hold.CapacityStore.Outcome;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps Redis in line with the ledger: at start-up, when Redis has lost a date's data (an admission
 * finds no capacities), on a schedule, and after an operator's change. Exports
 * {@code inventory_oversold_units}: places held or sold beyond a session's capacity or a day's cap,
 * which must stay 0.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");
    /** How many runs in a row may find that Redis lost the date's data meanwhile before one gives up. */
    private static final int ATTEMPTS = 3;

    private final CapacityStore store;
    private final Ledger ledger;
    private final SessionService sessions;
    private final CalendarService calendar;
    private final InventoryProperties properties;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final AtomicLong oversold = new AtomicLong();

    /** Runs between a run's reads and its script: tests hold a run there. Does nothing in production. */
    volatile Consumer<LocalDate> afterReads = date -> {};

    Reconciler(
            CapacityStore store,
            Ledger ledger,
            SessionService sessions,
            CalendarService calendar,
            InventoryProperties properties,
            Clock clock,
            PlatformTransactionManager transactions,
            MeterRegistry meters) {
        this.store = store;
        this.ledger = ledger;
        this.sessions = sessions;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
        // Its own transaction even when called after an operator's commit or inside a caller's.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Gauge.builder("inventory.oversold.units", oversold, AtomicLong::get)
                .description("Places held or sold beyond capacity (must be 0)")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${ticketing.inventory.reconcile-interval:30s}",
            initialDelayString = "${ticketing.inventory.reconcile-interval:30s}")
    void reconcileUpcoming() {
        long excess = 0;
        for (LocalDate date : sessions.datesFrom(LocalDate.now(clock.withZone(MUSEUM)))) {
            try {
                excess += reconcile(date);
            } catch (RuntimeException e) {
                log.warn("Could not reconcile {}: {}", date, e.toString());
            }
        }
        oversold.set(excess);
    }

    /** After a rollback too: the gate may have taken a capacity whose transaction then failed. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void onCapacityChanged(CapacityChanged change) {
        reconcile(change.date());
    }

    /** Loads a date into Redis if it is not there (first use, or Redis lost its data). */
    void ensureLoaded(LocalDate date) {
        if (!store.isLoaded(new HoldKeys(date))) {
            reconcile(date);
        }
    }

    /** Brings one date in line; returns the places held or sold beyond capacity on it. */
    long reconcile(LocalDate date) {
        for (int attempt = 1; ; attempt++) {
            Pass pass = ownTransaction.execute(status -> pass(date));
            CapacityStore.Reconciled done = pass.reconciled();
            if (done.outcome() != Outcome.REDIS_LOST) {
                if (done.added() > 0 || done.removed() > 0) {
                    log.info(
                            "Reconciled {}: {} holds restored to Redis, {} stale admissions dropped",
                            date,
                            done.added(),
                            done.removed());
                }
                return pass.excess();
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException(
                        "Redis lost the data of " + date + " during " + ATTEMPTS + " reconcile runs in a row");
            }
        }
    }

    /**
     * One run, in one transaction that lasts until its script has run. The capacities are locking
     * reads: an operator's change locks its row before it resizes the gate and keeps the lock until it
     * commits (CapacityChanges), so the two serialize and Redis ends with the committed capacity,
     * whichever comes first. A version check in the script could not do this: the gate takes a new
     * capacity before its transaction commits, and that transaction may still roll back.
     */
    private Pass pass(LocalDate date) {
        HoldKeys keys = new HoldKeys(date);
        // Before any read, so that places the gate gives back after our ledger read are known as such.
        CapacityStore.Run run = store.beginRun(keys);
        CalendarDay day = calendar.dayForShare(date);
        List<Session> daySessions = sessions.onDateForShare(date);
        List<HoldUnitDO> live = ledger.live(date);
        afterReads.accept(date);
        CapacityStore.Reconciled reconciled = store.reconcile(
                keys, run, day, daySessions, live, properties.reconcileGrace().toMillis());
        return new Pass(reconciled, excess(day, daySessions, live));
    }

    /** A run's outcome and the places beyond capacity its ledger read found. */
    private record Pass(CapacityStore.Reconciled reconciled, long excess) {}

    /** Places held or sold beyond capacity, by the ledger. */
    private static long excess(CalendarDay day, List<Session> daySessions, List<HoldUnitDO> live) {
        Map<Long, Long> taken = live.stream().collect(Collectors.groupingBy(u -> u.sessionId, Collectors.counting()));
        Map<Long, Session> byId =
                daySessions.stream().collect(Collectors.toMap(Session::sessionId, Function.identity()));
        long excess = 0;
        for (Map.Entry<Long, Long> entry : taken.entrySet()) {
            Session session = byId.get(entry.getKey());
            long capacity = session == null ? 0 : session.capacity();
            excess += Math.max(0, entry.getValue() - capacity);
        }
        // A closed day keeps what it sold (the museum refunds it); only places beyond its cap are excess.
        return Math.max(excess, live.size() - day.dailyCapacity());
    }
}
