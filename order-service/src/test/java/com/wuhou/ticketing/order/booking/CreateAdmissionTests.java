package com.wuhou.ticketing.order.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** At most so many creations at once; the next waits its turn, and beyond the wait it is told BUSY. */
class CreateAdmissionTests {

    private final CreateAdmission admission = new CreateAdmission(2, Duration.ofMillis(300));

    @Test
    void shouldLetAWaitingCreationRunWhenATurnFreesAndRefuseOneWhoseTurnDoesNotComeInTime() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(() -> admission.run(() -> hold(running, finish)));
        CompletableFuture<String> second =
                CompletableFuture.supplyAsync(() -> admission.run(() -> hold(running, finish)));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> admission.run(() -> "third"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(CommonErrorCode.BUSY));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(290));

        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> admission.run(() -> "fourth"));
        finish.countDown();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("fourth");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("held");
    }

    @Test
    void shouldGiveTheTurnBackWhenACreationFails() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> admission.run(() -> {
                        throw new IllegalStateException("inventory said no");
                    }))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(admission.run(() -> "made")).isEqualTo("made");
    }

    private static String hold(CountDownLatch running, CountDownLatch finish) {
        running.countDown();
        try {
            finish.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }
}
