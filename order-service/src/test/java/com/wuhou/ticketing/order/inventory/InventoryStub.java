package com.wuhou.ticketing.order.inventory;

import com.wuhou.ticketing.inventory.api.Abandonment;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.platform.problem.RemoteProblemException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * inventory-service as order-service's own tests need it, in place of the Feign client: holds are
 * taken at 5,000 fen a place for a session a week ahead, unless a refusal is set, which comes back as
 * inventory answers one (a problem with its status and code).
 */
public class InventoryStub implements InventoryClient {

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private volatile RemoteProblemException refusal;
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private volatile RemoteProblemException lostAs;
    private final AtomicInteger abandonments = new AtomicInteger();
    private volatile LocalDate visitDay = LocalDate.now(Museum.ZONE).plusDays(7);

    /** From now on every hold is refused with this problem. */
    public void refuseHolds(int status, String code, String detail) {
        refusal = new RemoteProblemException(status, code, detail, "stub");
    }

    /**
     * The next {@code times} holds are taken, but their answer is lost: the caller gets {@code status}
     * {@code code} instead (a time-out or a hold still being written, as inventory under load answers).
     */
    public void loseHoldAnswers(int times, int status, String code) {
        lostAs = new RemoteProblemException(status, code, "answer lost", "stub");
        lostAnswers.set(times);
    }

    /** How many holds are in the stub with places still held. */
    public long heldCount() {
        return holds.values().stream().filter(h -> Hold.HELD.equals(h.state())).count();
    }

    /** How many abandonments were asked for since the last {@link #acceptHolds}. */
    public int abandonments() {
        return abandonments.get();
    }

    /** Holds are taken again, for sessions on {@code day}. */
    public void acceptHolds(LocalDate day) {
        refusal = null;
        visitDay = day;
        lostAnswers.set(0);
        abandonments.set(0);
    }

    public void acceptHolds() {
        acceptHolds(LocalDate.now(Museum.ZONE).plusDays(7));
    }

    @Override
    public Hold hold(Hold request) {
        RemoteProblemException refused = refusal;
        if (refused != null) {
            throw refused;
        }
        List<Hold.Unit> units = request.units().stream()
                .map(u -> new Hold.Unit(u.ticketType(), u.idHash(), 5000, 1, Hold.HELD))
                .toList();
        Hold first = holds.get(request.holdRef());
        if (first != null) {
            return answer(first); // the same reference again: the first hold, as inventory answers it
        }
        Hold hold = new Hold(
                request.holdRef(),
                request.sessionId(),
                units,
                Hold.HELD,
                new Hold.Slot(visitDay, LocalTime.of(9, 0), LocalTime.of(11, 0)),
                request.expiresAt());
        holds.put(request.holdRef(), hold);
        return answer(hold);
    }

    private Hold answer(Hold hold) {
        if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw lostAs;
        }
        return hold;
    }

    @Override
    public Hold find(String holdRef) {
        return holds.get(holdRef);
    }

    @Override
    public Hold confirm(String holdRef) {
        Hold hold = holds.get(holdRef);
        if (hold != null && Hold.RELEASED.equals(hold.state())) {
            throw new RemoteProblemException(409, "HOLD_RELEASED", "Hold " + holdRef + " was released", "stub");
        }
        return moved(holdRef, Hold.SOLD);
    }

    /** The hold's expiry passed unconfirmed: inventory gave its places back. */
    public void expire(String holdRef) {
        moved(holdRef, Hold.RELEASED);
    }

    @Override
    public Hold release(String holdRef, Release release) {
        return moved(holdRef, Hold.RELEASED);
    }

    @Override
    public Hold releaseInLedger(String holdRef, Release release) {
        return moved(holdRef, Hold.RELEASED);
    }

    @Override
    public void abandon(String holdRef, Abandonment abandonment) {
        abandonments.incrementAndGet();
        Hold hold = holds.get(holdRef);
        if (hold != null && Hold.SOLD.equals(hold.state())) {
            throw new RemoteProblemException(409, "HOLD_SOLD", "Hold " + holdRef + " is sold", "stub");
        }
        if (holds.remove(holdRef) == null) {
            throw new RemoteProblemException(404, "HOLD_NOT_FOUND", "No hold " + holdRef, "stub");
        }
    }

    /** The hold as this stub keeps it, or null (never taken, or abandoned). */
    public Hold held(String holdRef) {
        return holds.get(holdRef);
    }

    private Hold moved(String holdRef, String state) {
        Hold hold = holds.get(holdRef);
        if (hold == null) {
            throw new RemoteProblemException(404, "HOLD_NOT_FOUND", "No hold " + holdRef, "stub");
        }
        Hold moved = new Hold(hold.holdRef(), hold.sessionId(), hold.units(), state, hold.slot(), hold.expiresAt());
        holds.put(holdRef, moved);
        return moved;
    }

    /** Puts the stub in the test's context in place of the Feign client. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        /** Feign clients are primary beans: the stub can be primary only once the client is not. */
        @Bean
        static BeanDefinitionRegistryPostProcessor feignInventoryClientNotPrimary() {
            return registry -> {
                if (registry.containsBeanDefinition(InventoryClient.class.getName())) {
                    registry.getBeanDefinition(InventoryClient.class.getName()).setPrimary(false);
                }
            };
        }

        @Bean
        @Primary
        InventoryStub inventoryStub() {
            return new InventoryStub();
        }
    }
}
