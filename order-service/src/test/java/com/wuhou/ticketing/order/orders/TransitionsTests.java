package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wuhou.ticketing.order.payment.PaymentStatus;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The moves each aggregate allows, as a buyer, a gate and finance rely on them. */
class TransitionsTests {

    @ParameterizedTest(name = "order {0} -> {1}: {2}")
    @CsvSource({
        "PENDING_PAYMENT, PAID, true",
        "PENDING_PAYMENT, EXPIRED, true",
        "PENDING_PAYMENT, CANCELLED, true",
        "EXPIRED, PAID, true", // a late payment whose places are still there
        "CANCELLED, PAID, true",
        "PAID, EXPIRED, false", // a paid order never expires
        "PAID, CANCELLED, false",
        "PAID, PENDING_PAYMENT, false",
        "PAID, PARTIALLY_USED, true",
        "PAID, REFUNDED, true",
        "PARTIALLY_USED, USED, true",
        "PARTIALLY_USED, REFUNDED, false", // a used ticket is never refunded
        "PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, true", // a second refund of the same order
        "PARTIALLY_REFUNDED, REFUNDED, true",
        "REFUNDED, PAID, false",
        "USED, REFUNDED, false",
        "EXPIRED, CANCELLED, false",
    })
    void ordersMoveOnlyAsAllowed(OrderStatus from, OrderStatus to, boolean allowed) {
        assertThat(OrderStatus.MOVES.allows(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "ticket {0} -> {1}: {2}")
    @CsvSource({
        "UNPAID, VALID, true",
        "UNPAID, VOID, true",
        "VOID, VALID, true", // a late payment
        "VALID, USED, true",
        "VALID, REFUNDED, true",
        "USED, REFUNDED, false", // the refund and the gate never both win
        "REFUNDED, VALID, false", // a refunded ticket never opens a gate again
        "REFUNDED, USED, false",
        "UNPAID, USED, false",
    })
    void ticketsMoveOnlyAsAllowed(TicketStatus from, TicketStatus to, boolean allowed) {
        assertThat(TicketStatus.MOVES.allows(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "payment {0} -> {1}: {2}")
    @CsvSource({
        "PENDING, SUCCEEDED, true",
        "FAILED, SUCCEEDED, true", // money the provider collected after all is never lost
        "CLOSED, SUCCEEDED, true",
        "CLOSED, REFUNDING, true",
        "SUCCEEDED, REFUNDING, false", // a payment that paid its order is refunded with tickets, not whole
        "REFUNDING, SUCCEEDED, false", // decided to be paid back: never honoured again
        "REFUNDING, REFUNDED, true",
        "REFUNDED, SUCCEEDED, false",
    })
    void paymentsMoveOnlyAsAllowed(PaymentStatus from, PaymentStatus to, boolean allowed) {
        assertThat(PaymentStatus.MOVES.allows(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "from {0}")
    @CsvSource({"PAID", "PARTIALLY_USED", "USED", "REFUNDED"})
    void aMoveTheTableRefusesNeverReachesTheDatabase(OrderStatus from) {
        assertThatThrownBy(() -> OrderStatus.MOVES.move(List.of(from), OrderStatus.EXPIRED, LocalDateTime.now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may not move to EXPIRED");
    }

    @ParameterizedTest(name = "into {0}")
    @CsvSource({"PAID, 'PENDING_PAYMENT,CANCELLED,EXPIRED'", "REFUNDED, 'PAID,PARTIALLY_REFUNDED'"})
    void aMoveIsConditionalOnEveryStateAllowedToReachIt(OrderStatus to, String from) {
        assertThat(OrderStatus.MOVES.into(to))
                .containsExactlyInAnyOrderElementsOf(List.of(from.split(",")).stream()
                        .map(OrderStatus::valueOf)
                        .toList());
        assertThat(OrderStatus.MOVES.move(to, LocalDateTime.now()).getSqlSet()).startsWith("status=");
    }
}
