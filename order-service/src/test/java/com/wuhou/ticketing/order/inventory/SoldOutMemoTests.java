package com.wuhou.ticketing.order.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wuhou.ticketing.inventory.api.Abandonment;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.HoldErrors;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.RemoteProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sold-out memo answers a rush without calls, lets one buyer ask again when it lapses, and clears on a sale. */
class SoldOutMemoTests {

    private static final long SESSION = 7;

    private final AtomicBoolean soldOut = new AtomicBoolean(true);
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final Inventory inventory =
            new Inventory(new CountingClient(), properties(Duration.ofSeconds(1)), now::get, false);

    @Test
    void shouldRefuseWithoutCallingInventoryWhileTheMemoIsFresh() {
        assertThatThrownBy(() -> inventory.hold(request())).satisfies(this::isSoldOut);

        for (int i = 0; i < 50; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            assertThatThrownBy(() -> inventory.refuseIfRecentlySoldOut(SESSION, 1))
                    .satisfies(this::isSoldOut);
        }
        // Another session is not affected.
        inventory.refuseIfRecentlySoldOut(SESSION + 1, 1);
        assertThat(holds).hasValue(1);
    }

    @Test
    void shouldLetExactlyOneBuyerAskAgainWhenTheMemoLapses() {
        assertThatThrownBy(() -> inventory.hold(request())).satisfies(this::isSoldOut);
        now.addAndGet(Duration.ofMillis(1001).toNanos());

        long passed = IntStream.range(0, 200)
                .parallel()
                .filter(i -> {
                    try {
                        inventory.refuseIfRecentlySoldOut(SESSION, 1);
                        return true;
                    } catch (ApiException e) {
                        return false;
                    }
                })
                .count();

        assertThat(passed).isEqualTo(1);
    }

    @Test
    void shouldLetEveryoneThroughAgainOnceAPlaceIsSold() {
        assertThatThrownBy(() -> inventory.hold(request())).satisfies(this::isSoldOut);
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        soldOut.set(false); // a cancellation gave a place back
        inventory.refuseIfRecentlySoldOut(SESSION, 1);

        inventory.hold(request());

        inventory.refuseIfRecentlySoldOut(SESSION, 1);
        inventory.refuseIfRecentlySoldOut(SESSION, 1);
        assertThat(holds).hasValue(2);
    }

    private void isSoldOut(Throwable e) {
        assertThat(e).isInstanceOf(ApiException.class);
        assertThat(((ApiException) e).errorCode().code()).isEqualTo(HoldErrors.SOLD_OUT);
    }

    private static Hold request() {
        return Hold.request(
                "ref-" + System.nanoTime(),
                SESSION,
                List.of(Hold.Unit.of("ADULT", "a".repeat(64))),
                Instant.now().plusSeconds(60));
    }

    private static OrderProperties properties(Duration memo) {
        return new OrderProperties(
                5,
                Duration.ofMinutes(15),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                null,
                null,
                null,
                null,
                true,
                memo,
                16,
                Duration.ofSeconds(5),
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }

    /** Inventory as the buyer sees it: sold out until told otherwise. */
    private class CountingClient implements InventoryClient {

        @Override
        public Hold hold(Hold request) {
            holds.incrementAndGet();
            if (soldOut.get()) {
                throw new RemoteProblemException(409, HoldErrors.SOLD_OUT, "Not enough places", "r");
            }
            return request;
        }

        @Override
        public Hold find(String holdRef) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Hold confirm(String holdRef) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Hold release(String holdRef, Release release) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Hold releaseInLedger(String holdRef, Release release) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void abandon(String holdRef, Abandonment abandonment) {
            throw new UnsupportedOperationException();
        }
    }
}
