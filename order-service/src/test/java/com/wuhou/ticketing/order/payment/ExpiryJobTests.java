package com.wuhou.ticketing.order.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.order.inventory.InventoryStub;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Orders that cannot be expired (their payment's provider is no longer offered) are tried again
 * later and counted, and never hold up the expiry of the others.
 */
@SpringBootTest(properties = "ticketing.order.expiry-interval=1h")
@ActiveProfiles("test")
@RealInfrastructure
@Import(InventoryStub.Config.class)
class ExpiryJobTests {

    private static final int STUCK = 101;
    private static final int NOT_DUE = 4_000;
    private static final String INSERT_ORDER = "INSERT INTO ticket_order (order_no, channel, session_id, visit_date,"
            + " start_time, end_time, contact_phone, status, total_fen, pay_deadline, token_hash, hold_ref,"
            + " created_at, updated_at) VALUES (?, 'WEB', 7, '2030-01-01', '09:00', '11:00', '13800138000',"
            + " 'PENDING_PAYMENT', 5000, ?, ?, ?, NOW(3), NOW(3))";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ExpiryJob expiry;

    @Autowired
    MeterRegistry meters;

    @Autowired
    InventoryStub inventory;

    @Test
    void shouldExpireALaterOrderWhileMoreThanAHundredOlderOnesKeepFailingAndCountThem() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < STUCK; i++) {
            String orderNo = "WHSTUCK" + i;
            order(orderNo, now.minusHours(1).plusSeconds(i));
            // Started with a provider this deployment no longer offers: asking it to close fails every time.
            jdbc.update(
                    "INSERT INTO payment (payment_id, order_no, method, amount_fen, status, created_at, updated_at)"
                            + " VALUES (?, ?, 'RETIRED', 5000, 'PENDING', NOW(3), NOW(3))",
                    "PM" + orderNo,
                    orderNo);
        }
        order("WHLATER", now.minusMinutes(1));
        inventory.hold(Hold.request(
                "WHLATER",
                7,
                List.of(Hold.Unit.of("ADULT", "a".repeat(64))),
                Instant.now().plusSeconds(600)));

        for (int run = 0; run < 3 && !status("WHLATER").equals("EXPIRED"); run++) {
            expiry.expireDue();
        }

        assertThat(status("WHLATER")).isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM ticket_order WHERE order_no LIKE 'WHSTUCK%' AND status = 'PENDING_PAYMENT'",
                        Integer.class))
                .isEqualTo(STUCK);
        Gauge stuck = meters.find("order.expiry.stuck").gauge();
        assertThat(stuck).as("gauge order_expiry_stuck").isNotNull();
        assertThat(stuck.value()).isEqualTo(STUCK);
        Counter failures = meters.find("order.expiry.failures").counter();
        assertThat(failures).as("counter order_expiry_failures_total").isNotNull();
        assertThat(failures.count()).isGreaterThanOrEqualTo(STUCK);
    }

    /** A failed one is tried again once its pause is over, and expires when it can. */
    @Test
    void shouldTryAFailedExpiryAgainWhenItsPauseIsOver() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        order("WHRETRY", now.minusHours(2));
        jdbc.update("INSERT INTO payment (payment_id, order_no, method, amount_fen, status, created_at, updated_at)"
                + " VALUES ('PMWHRETRY', 'WHRETRY', 'RETIRED', 5000, 'PENDING', NOW(3), NOW(3))");
        inventory.hold(Hold.request(
                "WHRETRY",
                7,
                List.of(Hold.Unit.of("ADULT", "b".repeat(64))),
                Instant.now().plusSeconds(600)));
        expiry.expireDue();
        assertThat(status("WHRETRY")).isEqualTo("PENDING_PAYMENT");
        // The provider is back (the payment is one it can close now), and the pause is over.
        jdbc.update("UPDATE payment SET status = 'FAILED' WHERE payment_id = 'PMWHRETRY'");
        jdbc.update("UPDATE ticket_order SET expiry_retry_at = ? WHERE order_no = 'WHRETRY'", now.minusSeconds(1));

        expiry.expireDue();

        assertThat(status("WHRETRY")).isEqualTo("EXPIRED");
    }

    /**
     * Unpaid orders not due yet cost an expiry run nothing: a release rush leaves thousands of them,
     * and the run comes every few seconds on every instance.
     */
    @Test
    void shouldNotReadTheUnpaidOrdersThatAreNotDue() {
        LocalDateTime later = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(15);
        List<Object[]> rows = IntStream.range(0, NOT_DUE)
                .mapToObj(i -> new Object[] {"WHNOTDUE" + i, later, "0".repeat(64), "WHNOTDUE" + i})
                .toList();
        jdbc.batchUpdate(INSERT_ORDER, rows);
        expiry.expireDue();

        // The counter is the server's: the fewest of three runs, so another test's poller cannot count.
        long read = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = rowsRead();
            expiry.expireDue();
            read = Math.min(read, rowsRead() - before);
        }

        assertThat(read).as("rows MySQL read during one expiry run").isLessThan(NOT_DUE / 4);
    }

    private long rowsRead() {
        return jdbc.queryForObject(
                "SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = 'Innodb_rows_read'",
                Long.class);
    }

    private void order(String orderNo, LocalDateTime payDeadline) {
        jdbc.update(INSERT_ORDER, orderNo, payDeadline, "0".repeat(64), orderNo);
    }

    private String status(String orderNo) {
        return jdbc.queryForObject("SELECT status FROM ticket_order WHERE order_no = ?", String.class, orderNo);
    }
}
