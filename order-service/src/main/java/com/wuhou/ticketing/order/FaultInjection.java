package com.wuhou.ticketing.order;

import com.wuhou.ticketing.platform.problem.ApiException;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Fails a step on purpose when a request asks for it with {@code X-Fault-Injection: <point>}, so the
 * consistency tests can show that a failure between two services' changes leaves neither changed.
 * Off unless {@code ticketing.order.fault-injection} is set (never in production).
 */
@Component
public class FaultInjection {

    /** After inventory took the places of a new order, before the order is written. */
    public static final String AFTER_HOLD = "after-hold";

    /**
     * After inventory took the places of a new order, before the order is written, the process halts
     * as a {@code kill -9} would: nothing is rolled back or given back.
     */
    public static final String AFTER_HOLD_CRASH = "after-hold-crash";

    /** After a new order and its idempotent answer were committed, before the answer leaves: a lost answer. */
    public static final String AFTER_WRITE = "after-write";

    /** After an order was marked cancelled, before inventory releases its places. */
    public static final String BEFORE_RELEASE = "before-release";

    /** After inventory released the places of a cancelled order, before the global commit. */
    public static final String AFTER_RELEASE = "after-release";

    /**
     * A refund stalls after every step but the global commit (checkin's void, its own rows, inventory's
     * release, all committed locally) and then fails: its global transaction rolls back a few seconds
     * later, as a coordinator that lost the order-service instance would.
     */
    public static final String REFUND_STALL_THEN_FAIL = "refund-stall-then-fail";

    /** How long {@link #REFUND_STALL_THEN_FAIL} stalls. */
    static final long STALL_MILLIS = 4_000;

    private final boolean enabled;

    FaultInjection(OrderProperties properties) {
        this.enabled = properties.faultInjection();
        if (enabled) {
            LoggerFactory.getLogger(FaultInjection.class)
                    .warn("Fault injection is ON: requests may ask for failures (tests only, never in production)");
        }
    }

    public void at(String point) {
        if (!enabled) {
            return;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet
                && point.equals(servlet.getRequest().getHeader("X-Fault-Injection"))) {
            if (point.equals(REFUND_STALL_THEN_FAIL)) {
                stall();
            }
            if (point.equals(AFTER_HOLD_CRASH)) {
                LoggerFactory.getLogger(FaultInjection.class).warn("Fault injected at {}: halting", point);
                Runtime.getRuntime().halt(137);
            }
            throw new ApiException(OrderErrorCode.FAULT_INJECTED, "Fault injected at " + point);
        }
    }

    /** The stall is the fault itself (a process that stops answering), not a wait for something. */
    private static void stall() {
        try {
            Thread.sleep(STALL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
