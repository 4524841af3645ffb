package com.wuhou.ticketing.checkin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.api.TicketCredential;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Paid tickets as order-service's events bring them to the read model, with their QR texts signed by
 * a test key pair; what gate tests start from.
 */
public final class SoldTickets {

    public static final KeyPair TICKET_KEYS = ed25519();
    public static final byte[] VISITOR_KEY = "a-visitor-hash-key-of-32-bytes!!".getBytes();
    public static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TicketPasses passes;
    private final ObjectMapper json;

    public SoldTickets(TicketPasses passes, ObjectMapper json) {
        this.passes = passes;
        this.json = json;
    }

    /** The keys checkin-service must be started with for these tickets. */
    public static void keys(DynamicPropertyRegistry registry) {
        registry.add(
                "ticketing.checkin.ticket-public-key",
                () -> Base64.getEncoder().encodeToString(TICKET_KEYS.getPublic().getEncoded()));
        registry.add(
                "ticketing.checkin.visitor-hash-key", () -> Base64.getEncoder().encodeToString(VISITOR_KEY));
    }

    /** A sold ticket, with the payment facts order-service would send about it. */
    public record Sold(
            String ticketId,
            String credential,
            OrderEvents.Ticket ticket,
            String orderNo,
            LocalDate date,
            OrderEvents.OrderPaid paid) {}

    /** A paid single-entry ticket. */
    public Sold sell(LocalDate date, LocalTime[] window, String idNo) {
        return sell(date, window, idNo, 1);
    }

    /** A paid ticket whose type allows {@code entries} entries a day. */
    public Sold sell(LocalDate date, LocalTime[] window, String idNo, int entries) {
        Sold sold = paidButNotYetKnown(date, window, idNo, entries);
        passes.handle(event(OrderEvents.ORDER_PAID, sold.paid()));
        return sold;
    }

    /** A ticket paid a moment ago, whose payment event has not reached checkin-service yet. */
    public Sold paidButNotYetKnown(LocalDate date, LocalTime[] window, String idNo, int entries) {
        String orderNo = "WHV"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String ticketId = orderNo + "-1";
        IdDocument document = new IdDocument(
                IdDocument.Type.ID_CARD,
                idNo == null ? "3301031990" + String.format("%08d", SEQUENCE.incrementAndGet()) : idNo);
        OrderEvents.Ticket ticket = new OrderEvents.Ticket(
                ticketId,
                "ADULT",
                5000,
                document.hash(VISITOR_KEY),
                "张*",
                document.hash(IdDocument.dayKey(VISITOR_KEY, date)),
                entries);
        OrderEvents.OrderPaid paid =
                new OrderEvents.OrderPaid(orderNo, 7, date, window[0], window[1], "WEB", 5000, List.of(ticket));
        return new Sold(ticketId, credential(ticketId, date, window), ticket, orderNo, date, paid);
    }

    public void refund(Sold sold) {
        passes.handle(event(
                OrderEvents.TICKETS_REFUNDED,
                new OrderEvents.TicketsRefunded(
                        sold.orderNo(), "RF-" + sold.orderNo(), 7, sold.date(), 5000, List.of(sold.ticket()))));
    }

    private StreamEvent event(String type, Object payload) {
        try {
            return new StreamEvent(
                    UUID.randomUUID().toString(), type, "WH", Instant.now(), json.writeValueAsString(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String credential(String ticketId, LocalDate date, LocalTime[] window) {
        return new TicketCredential(
                        ticketId,
                        7,
                        date,
                        window[0],
                        window[1],
                        "ADULT",
                        TicketCredential.keyId(TICKET_KEYS.getPublic()))
                .sign(TICKET_KEYS.getPrivate());
    }

    public static LocalDate today() {
        return LocalDate.now(MUSEUM);
    }

    /** A slot around now that does not cross midnight. */
    public static LocalTime[] nowWindow() {
        LocalTime now = LocalDateTime.now(MUSEUM).toLocalTime();
        LocalTime start = now.isBefore(LocalTime.of(0, 30)) ? LocalTime.MIDNIGHT : now.minusMinutes(20);
        LocalTime end = now.isAfter(LocalTime.of(23, 20)) ? LocalTime.of(23, 59) : now.plusMinutes(20);
        return new LocalTime[] {start.withNano(0), end.withNano(0)};
    }

    /** A slot today at least two hours away from now, even with the entry grace. */
    public static LocalTime[] farFromNow() {
        LocalTime now = LocalDateTime.now(MUSEUM).toLocalTime();
        return now.isBefore(LocalTime.NOON)
                ? new LocalTime[] {LocalTime.of(20, 0), LocalTime.of(21, 0)}
                : new LocalTime[] {LocalTime.of(1, 0), LocalTime.of(2, 0)};
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
