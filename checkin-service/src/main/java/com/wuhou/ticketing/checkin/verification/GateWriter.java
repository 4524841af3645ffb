package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for online verifications. Request threads hand their checked scan to a queue and wait;
 * each writer takes whatever is waiting (up to {@code maxScans}, lingering only as configured), decides
 * and writes it in one transaction ({@link Admissions}), and answers each request after the commit:
 * an {@code ACCEPTED} is never sent for an entry a crash could still lose.
 *
 * <p>A group that fails (a deadlock, a lock wait timeout, one bad row) is written again one scan per
 * transaction, each retried on transient errors, so one member cannot fail the others. When the
 * database cannot be reached at all, every member fails at once (answered 503). A request waits at
 * most {@code answerTimeout}.
 */
@Component
class GateWriter {

    private static final Logger log = LoggerFactory.getLogger(GateWriter.class);

    /** Bounded, so a stalled database refuses scans at once instead of filling the heap. */
    static final int QUEUE = 10_000;

    static final int ATTEMPTS = 3;

    /**
     * How long one group's (or one scan's) transaction may take, statements included: a ticket row
     * locked elsewhere (a refund's void) holds its group this long at most, then its scans are written
     * one by one and the locked one is answered 503.
     */
    static final int WRITE_TIMEOUT_SECONDS = 1;

    private static final int QUEUED = 0;
    private static final int CLAIMED = 1;
    private static final int ABANDONED = 2;

    /**
     * A scan waiting in the queue and the request waiting for its answer. Exactly one side decides its
     * fate: the writer claims it before writing, or the request abandons it when it gives up waiting.
     * An abandoned scan is never written; a claimed one is always answered with what was committed.
     */
    record Member(Admission admission, CompletableFuture<Verification> answer, AtomicInteger state) {

        Member(Admission admission) {
            this(admission, new CompletableFuture<>(), new AtomicInteger(QUEUED));
        }

        boolean claim() {
            return state.compareAndSet(QUEUED, CLAIMED);
        }

        boolean abandon() {
            return state.compareAndSet(QUEUED, ABANDONED);
        }
    }

    private final Admissions admissions;
    private final TransactionTemplate transactions;
    private final CheckinProperties.GroupCommit settings;
    private final DistributionSummary groupSize;
    private final BlockingQueue<Member> queue = new ArrayBlockingQueue<>(QUEUE);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    GateWriter(
            Admissions admissions,
            TransactionTemplate transactions,
            CheckinProperties properties,
            MeterRegistry meters) {
        this.admissions = admissions;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager(), transactions);
        this.transactions.setTimeout(WRITE_TIMEOUT_SECONDS);
        this.settings = properties.groupCommit();
        this.groupSize = DistributionSummary.builder("checkin.verification.group.size")
                .description("Scans decided and written in one transaction")
                .register(meters);
        for (int i = 0; i < Math.max(1, settings.writers()); i++) {
            Thread writer = new Thread(this::run, "gate-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** The scan's answer once it is committed, or a 503 after {@code answerTimeout}. */
    Verification admit(Admission admission) {
        Member member = new Member(admission);
        if (!running || !queue.offer(member)) {
            throw unavailable("Too many scans are waiting to be written");
        }
        try {
            return member.answer().get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (member.abandon()) {
                // Still queued: dropped unwritten, so the 503 is true (the gate decides offline).
                throw unavailable("The scan could not be written in time");
            }
            // Being written: wait for what was committed (bounded by the write timeouts), so the gate
            // never hears 503 about an entry that was taken.
            return committed(member);
        } catch (ExecutionException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for the scan to be written");
        }
    }

    private static Verification committed(Member member) {
        try {
            return member.answer().get((1 + ATTEMPTS) * WRITE_TIMEOUT_SECONDS + 1L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw unavailable("The scan could not be written in time");
        } catch (ExecutionException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for the scan to be written");
        }
    }

    private static RuntimeException failure(ExecutionException e) {
        if (databaseAway(e.getCause())) {
            return unavailable("The database is unavailable");
        }
        if (timedOut(e.getCause())) {
            return unavailable("The ticket is being changed right now (a refund?); scan it again");
        }
        if (e.getCause() instanceof RuntimeException failure) {
            return failure;
        }
        return new IllegalStateException(e.getCause());
    }

    /** Decides, writes and answers one group; answers each member whatever happens. */
    void write(List<Member> group) {
        groupSize.record(group.size());
        try {
            List<Verification> answers = transactions.execute(tx ->
                    admissions.decide(group.stream().map(Member::admission).toList()));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException e) {
            if (databaseAway(e)) {
                group.forEach(m -> m.answer().completeExceptionally(e));
                return;
            }
            if (group.size() > 1) {
                log.warn("A group of {} scans failed ({}); writing them one by one", group.size(), e.toString());
            }
            group.forEach(this::alone);
        }
    }

    private void alone(Member member) {
        for (int attempt = 1; ; attempt++) {
            try {
                Verification answer = transactions
                        .execute(tx -> admissions.decide(List.of(member.admission())))
                        .get(0);
                member.answer().complete(answer);
                return;
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS
                        && e instanceof TransientDataAccessException
                        && !databaseAway(e)
                        && !timedOut(e)) {
                    continue;
                }
                log.warn(
                        "A scan at gate {} could not be written: {}",
                        member.admission().scan().gate(),
                        e.toString());
                member.answer().completeExceptionally(e);
                return;
            }
        }
    }

    private void run() {
        List<Member> group = new ArrayList<>(settings.maxScans());
        while (running || !queue.isEmpty()) {
            try {
                Member first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, settings.maxScans() - 1);
                linger(group);
                group.removeIf(m -> !m.claim()); // its request gave up waiting: never written
                if (!group.isEmpty()) {
                    write(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // The writer lives on: a dead writer would leave every later scan waiting for its 503.
                log.error("Gate writer failed", e);
                group.forEach(m -> m.answer().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void linger(List<Member> group) throws InterruptedException {
        long deadline = System.nanoTime() + settings.linger().toNanos();
        while (group.size() < settings.maxScans()) {
            long left = deadline - System.nanoTime();
            Member next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            group.add(next);
            queue.drainTo(group, settings.maxScans() - group.size());
        }
    }

    /** Writes what is queued, then stops (after the web server stopped taking requests). */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(10_000);
        }
    }

    /** No connection could be had: the database is away or every connection is taken. */
    /** The write ran into its own time limit: a row locked elsewhere for longer than that. */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof QueryTimeoutException
                    || cause instanceof TransactionTimedOutException
                    || cause instanceof CannotAcquireLockException) {
                return true;
            }
        }
        return false;
    }

    private static boolean databaseAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    private static ApiException unavailable(String message) {
        return new ApiException(CommonErrorCode.SERVICE_UNAVAILABLE, message);
    }
}
