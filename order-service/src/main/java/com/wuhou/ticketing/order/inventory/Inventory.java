package com.wuhou.ticketing.order.inventory;

import com.wuhou.ticketing.inventory.api.Abandonment;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.HoldErrors;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.SoldOut;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import com.wuhou.ticketing.platform.problem.RemoteProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.transaction.TransactionHookAdapter;
import org.apache.seata.tm.api.transaction.TransactionHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Calls inventory behind a circuit breaker. inventory's own refusals (sold out, daily limit, …) pass
 * through to the buyer with their code and status, as an {@link InventoryRefusal}; an unreachable or
 * failing inventory becomes a 503, so the buyer may retry. Only server failures count against the
 * breaker.
 */
@Component
public class Inventory {

    private static final Logger log = LoggerFactory.getLogger(Inventory.class);

    private final InventoryClient client;
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "inventory",
            CircuitBreakerConfig.custom()
                    .slidingWindowSize(50)
                    .minimumNumberOfCalls(20)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(5))
                    .recordException(Inventory::isFailure)
                    .build());

    /** Session → the smallest order inventory refused as sold out, and when. */
    private final Map<Long, Refusal> soldOut = new ConcurrentHashMap<>();

    private final long memoNanos;
    private final LongSupplier nanoTime;
    /** Off in unit tests, where no global transaction runs (and no hook fires). */
    private final boolean seataEnabled;

    @Autowired
    Inventory(
            InventoryClient client, OrderProperties properties, @Value("${seata.enabled:true}") boolean seataEnabled) {
        this(client, properties, System::nanoTime, seataEnabled);
    }

    Inventory(InventoryClient client, OrderProperties properties, LongSupplier nanoTime, boolean seataEnabled) {
        this.client = client;
        this.memoNanos = properties.soldOutMemo().toNanos();
        this.nanoTime = nanoTime;
        this.seataEnabled = seataEnabled;
    }

    /**
     * Refuses at once an order of {@code units} places in a session that was sold out for as many
     * moments ago. During a release rush most buyers arrive after the last place went; this answers
     * them without a global transaction or a call. When the memo lapses, one buyer asks inventory
     * while the others are still refused (a burst does not all go through at once); a place released
     * meanwhile is sold to that buyer and clears the memo. It can only make this instance refuse for a
     * moment longer, never sell more.
     */
    public void refuseIfRecentlySoldOut(long sessionId, int units) {
        Refusal refusal = soldOut.get(sessionId);
        if (refusal == null || units < refusal.units()) {
            return;
        }
        long now = nanoTime.getAsLong();
        boolean fresh = now - refusal.atNanos() < memoNanos;
        if (fresh || !soldOut.replace(sessionId, refusal, new Refusal(refusal.units(), now))) {
            throw new InventoryRefusal(
                    new ErrorCode(HoldErrors.SOLD_OUT, HttpStatus.CONFLICT, "Conflict"), SoldOut.DETAIL);
        }
    }

    public Hold hold(Hold request) {
        try {
            Hold hold = call(() -> client.hold(request));
            if (!soldOut.isEmpty()) {
                soldOut.remove(request.sessionId()); // places came back: let buyers through again
            }
            return hold;
        } catch (ApiException e) {
            if (e.errorCode().code().equals(HoldErrors.SOLD_OUT)) {
                soldOut.put(request.sessionId(), new Refusal(request.units().size(), nanoTime.getAsLong()));
            }
            throw e;
        }
    }

    public Hold confirm(String holdRef) {
        return call(() -> client.confirm(holdRef));
    }

    /**
     * Inside a global transaction: inventory's ledger gives the places back within it; its admission
     * gate (Redis, which Seata cannot roll back) only once the transaction has committed. A hold that
     * expired or was never written has nothing counted and nothing to give back.
     */
    public void releaseInGlobalTransaction(String holdRef, Release release) {
        if (seataEnabled && !RootContext.inGlobalTransaction()) {
            // Its after-commit hook would stay on this thread and fire at the next unrelated commit.
            throw new IllegalStateException("A ledger release must run inside a global transaction");
        }
        try {
            call(() -> client.releaseInLedger(holdRef, release));
        } catch (RuntimeException e) {
            if (!isGone(e)) {
                throw e;
            }
            return;
        }
        TransactionHookManager.registerHook(new TransactionHookAdapter() {
            @Override
            public void afterCommit() {
                releaseAtGate(holdRef, release);
            }
        });
    }

    /**
     * Best effort, after a global commit: gives the places of a {@link #releaseInGlobalTransaction} release back
     * at the gate too. If this fails they stay counted (fewer sales, never more) until the reconciler
     * drops a fully released hold, or for good for a partly refunded one.
     */
    private void releaseAtGate(String holdRef, Release release) {
        try {
            call(() -> client.release(holdRef, release));
        } catch (RuntimeException e) {
            log.warn("Places of hold {} not given back at the gate now ({})", holdRef, e.getMessage());
        }
    }

    /**
     * Best effort: forgets a hold the caller made nothing of (its own write failed, or the hold's
     * answer was lost). If this fails too, the places come back when the hold expires.
     */
    public void abandon(String holdRef, long sessionId) {
        try {
            call(() -> {
                client.abandon(holdRef, new Abandonment(sessionId));
                return null;
            });
        } catch (ApiException e) {
            if (e.errorCode().status().value() != 404) {
                log.warn(
                        "Hold {} of a failed order not given back now ({}); it expires by itself",
                        holdRef,
                        e.getMessage());
            }
        }
    }

    /** inventory no longer holds these places (released, expired or never written): nothing to sell or give back. */
    public static boolean isGone(RuntimeException e) {
        return e instanceof InventoryRefusal refusal
                && (refusal.errorCode().code().equals(HoldErrors.HOLD_RELEASED)
                        || refusal.errorCode().code().equals(HoldErrors.HOLD_NOT_FOUND));
    }

    private <T> T call(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (RemoteProblemException e) {
            if (e.code().equals(HoldErrors.HOLD_IN_PROGRESS) || e.isTransient()) {
                // The same hold is being taken right now, or inventory is busy: a retry will get through.
                throw unavailable(e);
            }
            if (e.status() == 422) {
                // Inventory names its own fields (units.ticketType); the buyer sent visitors.
                throw new InventoryRefusal(
                        CommonErrorCode.VALIDATION_FAILED,
                        detail(e),
                        Map.of(Problems.ERRORS, List.of(new Problems.FieldError("visitors", detail(e)))));
            }
            if (e.status() >= 400 && e.status() < 500) {
                HttpStatus status = HttpStatus.valueOf(e.status());
                throw new InventoryRefusal(new ErrorCode(e.code(), status, status.getReasonPhrase()), detail(e));
            }
            throw unavailable(e);
        } catch (CallNotPermittedException e) {
            throw unavailable(e);
        } catch (feign.RetryableException e) {
            throw unavailable(e);
        }
    }

    /**
     * What counts against the breaker: server errors and unreachable instances, not refusals, not
     * inventory saying it is busy ({@code 429}/{@code 503}) and not a read time-out: under a rush a hold
     * can take longer than the read time-out while inventory is serving, and counting that opened the
     * breaker and answered buyers 503 (e2e RushTests).
     */
    static boolean isFailure(Throwable e) {
        if (e instanceof RemoteProblemException r) {
            return r.status() >= 500 && !r.isTransient();
        }
        return !(e instanceof feign.RetryableException
                && e.getCause() instanceof SocketTimeoutException
                && String.valueOf(e.getCause().getMessage())
                        .toLowerCase(Locale.ROOT)
                        .contains("read"));
    }

    private record Refusal(int units, long atNanos) {}

    private static String detail(RemoteProblemException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private static ApiException unavailable(Exception cause) {
        log.warn("Inventory unavailable: {}", cause.toString());
        ApiException e = new ApiException(
                CommonErrorCode.SERVICE_UNAVAILABLE, "Tickets cannot be checked right now; please try again shortly");
        e.initCause(cause);
        return e;
    }
}
