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

    /** After an order was marked cancelled, before inventory releases its places. */
    public static final String BEFORE_RELEASE = "before-release";

    /** After inventory released the places of a cancelled order, before the global commit. */
    public static final String AFTER_RELEASE = "after-release";

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
            throw new ApiException(OrderErrorCode.FAULT_INJECTED, "Fault injected at " + point);
        }
    }
}
