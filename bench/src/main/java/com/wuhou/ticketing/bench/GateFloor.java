package com.wuhou.ticketing.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The floor under a gate verification: the same QR signature check ({@link TicketCredential#verify},
 * as checkin-service runs it) and the same three rows its transaction writes (redemption,
 * {@code TicketRedeemed} outbox event, scan), by plain JDBC into copies of checkin's tables, one
 * transaction per scan. No HTTP, Spring, read model or lock read around them.
 */
final class GateFloor implements AutoCloseable {

    private static final long DEVICE_ID = 0;
    private static final String GATE = "BENCH-FLOOR";

    private final PublicKey ticketKey;
    private final String ticketKeyId;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ConcurrentLinkedQueue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Connection> db;

    GateFloor(String jdbcUrl, PublicKey ticketKey) {
        this.ticketKey = ticketKey;
        this.ticketKeyId = TicketCredential.keyId(ticketKey);
        this.db = ThreadLocal.withInitial(() -> {
            try {
                Connection connection = DriverManager.getConnection(jdbcUrl);
                connection.setAutoCommit(false);
                opened.add(connection);
                return connection;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Fresh copies of the three tables. */
    void prepare() {
        try (Statement statement = db.get().createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS bench_floor");
            for (String table : new String[] {"redemption", "scan", "outbox_event"}) {
                statement.execute("DROP TABLE IF EXISTS bench_floor." + table);
                statement.execute("CREATE TABLE bench_floor." + table + " LIKE checkin_db." + table);
            }
            db.get().commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One first entry: {@code ACCEPTED} when the signature held and the three rows are committed. */
    String verify(String text) {
        TicketCredential credential;
        try {
            credential = TicketCredential.verify(
                    text, keyId -> keyId.equals(ticketKeyId) ? Optional.of(ticketKey) : Optional.empty());
        } catch (TicketCredential.InvalidCredentialException e) {
            return "BAD_SIGNATURE";
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Timestamp utc = Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        LocalDate day = credential.date();
        Connection connection = db.get();
        try (PreparedStatement redemption = connection.prepareStatement(
                        "INSERT INTO bench_floor.redemption (ticket_id, visit_date, entry, offline, device_id, gate,"
                                + " redeemed_at, recorded_at) VALUES (?, ?, 1, FALSE, ?, ?, ?, ?)");
                PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO bench_floor.outbox_event (event_id, event_type, aggregate_id, payload,"
                                + " occurred_at) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement scan = connection.prepareStatement(
                        "INSERT INTO bench_floor.scan (device_id, gate, area, direction, kind, ticket_id, result,"
                                + " reason, scanned_at, received_at) VALUES (?, ?, 'BENCH', 'IN', 'QR', ?,"
                                + " 'ACCEPTED', NULL, ?, ?)")) {
            redemption.setString(1, credential.ticketId());
            redemption.setDate(2, Date.valueOf(day));
            redemption.setLong(3, DEVICE_ID);
            redemption.setString(4, GATE);
            redemption.setTimestamp(5, utc);
            redemption.setTimestamp(6, utc);
            redemption.executeUpdate();
            event.setString(1, UUID.randomUUID().toString());
            event.setString(2, CheckinEvents.TICKET_REDEEMED);
            event.setString(3, credential.ticketId());
            event.setString(
                    4,
                    json.writeValueAsString(new CheckinEvents.TicketRedeemed(
                            credential.ticketId(),
                            orderNo(credential.ticketId()),
                            day,
                            1,
                            GATE,
                            DEVICE_ID,
                            now,
                            false)));
            event.setTimestamp(5, utc);
            event.executeUpdate();
            scan.setLong(1, DEVICE_ID);
            scan.setString(2, GATE);
            scan.setString(3, credential.ticketId());
            scan.setTimestamp(4, utc);
            scan.setTimestamp(5, utc);
            scan.executeUpdate();
            connection.commit();
            return "ACCEPTED";
        } catch (SQLException | JsonProcessingException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: the next scan on this thread fails too, and shows
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Floor.closeAll(opened);
    }

    /** Ticket ids are {@code <orderNo>-<n>}. */
    private static String orderNo(String ticketId) {
        return ticketId.substring(0, ticketId.lastIndexOf('-'));
    }
}
