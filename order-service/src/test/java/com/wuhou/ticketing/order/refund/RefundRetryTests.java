package com.wuhou.ticketing.order.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A refund the provider did not confirm when it was made (it was down) is asked again on the
 * schedule, without anyone calling, until the money is back.
 */
@SpringBootTest
@ActiveProfiles("test")
@RealInfrastructure
class RefundRetryTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldPayBackAnUnconfirmedRefundOnTheSchedule() {
        LocalDateTime longAgo = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        // A sandbox payment that succeeded, and a refund of part of it still waiting for the provider.
        jdbc.update(
                "INSERT INTO sandbox_payment (payment_id, amount_fen, status, outcome, pay_at, notify_at,"
                        + " notices_left, attempts, ignore_close, refunded_fen, notify_url, created_at)"
                        + " VALUES ('PMRETRY1', 10000, 'SUCCEEDED', 'SUCCEEDED', ?, ?, 0, 1, FALSE, 0, 'http://x', ?)",
                longAgo,
                longAgo,
                longAgo);
        jdbc.update(
                "INSERT INTO payment (payment_id, order_no, method, amount_fen, status, created_at, updated_at)"
                        + " VALUES ('PMRETRY1', 'WHRETRY1', 'SANDBOX', 10000, 'SUCCEEDED', ?, ?)",
                longAgo,
                longAgo);
        jdbc.update(
                "INSERT INTO refund (refund_id, order_no, payment_id, ticket_ids, amount_fen, status, created_at,"
                        + " updated_at) VALUES ('RFRETRY1', 'WHRETRY1', 'PMRETRY1', 'WHRETRY1-1', 5000, 'PENDING', ?, ?)",
                longAgo,
                longAgo);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "SUCCEEDED"
                        .equals(jdbc.queryForObject(
                                "SELECT status FROM refund WHERE refund_id = 'RFRETRY1'", String.class)));

        assertThat(jdbc.queryForObject(
                        "SELECT refunded_fen FROM sandbox_payment WHERE payment_id = 'PMRETRY1'", Long.class))
                .as("paid back once, the refund's amount")
                .isEqualTo(5000L);
    }
}
