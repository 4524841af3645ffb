package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import com.wuhou.ticketing.gate.Gate;
import com.wuhou.ticketing.gate.GateConfig;
import com.wuhou.ticketing.gate.Scan;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission on the day, through the gateway: a ticket bought and paid for a session running now is
 * let in once, refused the second time, let in by exactly one of ten gates at once (a refunded one is
 * refused by QR and by ID number), and its order is
 * marked used from the gates' redemption events (a used ticket can no longer be refunded). A gate cut
 * off from the platform keeps admitting from its signed offline package (the gate simulator) and,
 * once back, uploads; a ticket it let in that another gate had admitted online is a conflict.
 */
class AdmissionTests {

    @Test
    void shouldAdmitEachTicketOnceAndMarkTheOrderUsed() throws Exception {
        Sales.Today today = Sales.sessionToday(20);
        JsonNode order = Sales.placed(today.sessionId(), Sales.idNumber(), Sales.idNumber());
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        String first = paid.path("tickets").get(0).path("credential").asText();
        String second = paid.path("tickets").get(1).path("credential").asText();
        String firstId = paid.path("tickets").get(0).path("ticketId").asText();
        JsonNode north = Devices.register("北门闸机 e2e", "NORTH", "MAIN");
        awaitKnown(north, second);

        JsonNode admitted = Platform.json(Devices.verify(north, first, "IN"));
        JsonNode again = Platform.json(Devices.verify(north, first, "IN"));
        JsonNode partly = Sales.awaitStatus(order, "PARTIALLY_USED", Duration.ofSeconds(30));
        HttpResponse<String> refundUsed = Sales.onOrder(
                "POST",
                order,
                "/refunds",
                "{\"ticketIds\":[\"" + firstId + "\"]}",
                "Idempotency-Key",
                "refund-used-" + firstId);
        List<String> tenGates = atTenGatesAtOnce(second);

        assertThat(admitted.path("result").asText()).as(admitted.toString()).isEqualTo("ACCEPTED");
        assertThat(admitted.path("ticket").path("ticketId").asText()).isEqualTo(firstId);
        assertThat(again.path("reason").asText()).isEqualTo("ALREADY_USED");
        assertThat(partly.path("tickets").get(0).path("status").asText()).isEqualTo("USED");
        Platform.assertProblem(refundUsed, 409, "TICKET_NOT_REFUNDABLE");
        assertThat(tenGates).filteredOn("ACCEPTED"::equals).hasSize(1);
        assertThat(tenGates).filteredOn("ALREADY_USED"::equals).hasSize(9);
        Sales.awaitStatus(order, "USED", Duration.ofSeconds(30));
    }

    /** As a new user tried it: refunded while queuing, the ticket must not open the gate a moment later. */
    @Test
    void shouldRefuseARefundedTicketAtTheGateTheMomentTheRefundIsAnswered() {
        Sales.Today today = Sales.sessionToday(20);
        String idNo = Sales.idNumber();
        JsonNode order = Sales.placed(today.sessionId(), idNo);
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        String credential = paid.path("tickets").get(0).path("credential").asText();
        String ticketId = paid.path("tickets").get(0).path("ticketId").asText();
        JsonNode west = Devices.register("西门闸机 e2e", "WEST", "MAIN");

        HttpResponse<String> refund = Sales.onOrder(
                "POST",
                order,
                "/refunds",
                "{\"ticketIds\":[\"" + ticketId + "\"]}",
                "Idempotency-Key",
                "refund-" + ticketId);
        JsonNode byQr = Platform.json(Devices.verify(west, credential, "IN"));
        JsonNode byId = Platform.json(Devices.verify(west, idNo, "IN"));

        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        assertThat(byQr.path("reason").asText()).as(byQr.toString()).isEqualTo("REFUNDED");
        assertThat(byId.path("reason").asText()).as(byId.toString()).isEqualTo("REFUNDED");
    }

    /** A ticket that went through a gate a moment ago cannot be refunded, whatever order-service knows yet. */
    @Test
    void shouldRefuseToRefundATicketThatEnteredAMomentAgo() {
        Sales.Today today = Sales.sessionToday(20);
        JsonNode order = Sales.placed(today.sessionId(), Sales.idNumber());
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        String credential = paid.path("tickets").get(0).path("credential").asText();
        String ticketId = paid.path("tickets").get(0).path("ticketId").asText();
        JsonNode east = Devices.register("东门闸机 e2e", "EAST", "MAIN");

        JsonNode admitted = Platform.json(Devices.verify(east, credential, "IN"));
        HttpResponse<String> refund = Sales.onOrder(
                "POST",
                order,
                "/refunds",
                "{\"ticketIds\":[\"" + ticketId + "\"]}",
                "Idempotency-Key",
                "refund-entered-" + ticketId);

        assertThat(admitted.path("result").asText()).as(admitted.toString()).isEqualTo("ACCEPTED");
        Platform.assertProblem(refund, 409, "TICKET_NOT_REFUNDABLE");
        JsonNode after = Sales.awaitStatus(order, "USED", Duration.ofSeconds(30));
        assertThat(after.path("tickets").get(0).path("status").asText()).isEqualTo("USED");
    }

    /**
     * A refund of one ticket stalls with its rows committed locally, a gate admits the other ticket of
     * the order meanwhile, then the refund rolls back. The entry must survive, the refunded ticket must
     * be valid again, and Seata's undo must not be stuck (the ticket can be refunded afterwards).
     */
    @Test
    void shouldKeepAnEntryMadeWhileARefundOfTheSameOrderRolledBack() throws Exception {
        Sales.Today today = Sales.sessionToday(20);
        JsonNode order = Sales.placed(today.sessionId(), Sales.idNumber(), Sales.idNumber());
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        String entering = paid.path("tickets").get(0).path("credential").asText();
        String refundedId = paid.path("tickets").get(1).path("ticketId").asText();
        JsonNode north = Devices.register("北门闸机 e2e 回滚", "NORTH", "MAIN");
        ExecutorService buyer = Executors.newSingleThreadExecutor();
        try {
            // Straight to order-service: the stall is longer than the gateway lets a request run.
            CompletableFuture<HttpResponse<String>> stalled = CompletableFuture.supplyAsync(
                    () -> Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8101/api/v1/orders/"
                                    + order.path("orderNo").asText() + "/refunds"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Order-Token", order.path("orderToken").asText())
                            .header("Idempotency-Key", "refund-stalled-" + refundedId)
                            .header("X-Fault-Injection", "refund-stall-then-fail")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"ticketIds\":[\"" + refundedId + "\"]}"))
                            .build()),
                    buyer);
            // Its rows are committed locally while it stalls.
            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Sales.read(order)
                            .path("tickets")
                            .get(1)
                            .path("status")
                            .asText()
                            .equals("REFUNDED"));

            JsonNode admitted = Platform.json(Devices.verify(north, entering, "IN"));
            HttpResponse<String> failed = stalled.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(admitted.path("result").asText()).as(admitted.toString()).isEqualTo("ACCEPTED");
            Platform.assertProblem(failed, 500, "FAULT_INJECTED");
        } finally {
            buyer.shutdown();
        }
        // An entry that met the refund's locks is applied when its event comes again (claim-after, 30 s).
        JsonNode after = Sales.awaitStatus(order, "PARTIALLY_USED", Duration.ofSeconds(60));
        assertThat(after.path("tickets").get(0).path("status").asText()).isEqualTo("USED");
        assertThat(after.path("tickets").get(1).path("status").asText()).isEqualTo("VALID");
        HttpResponse<String> again = Sales.onOrder(
                "POST",
                order,
                "/refunds",
                "{\"ticketIds\":[\"" + refundedId + "\"]}",
                "Idempotency-Key",
                "refund-again-" + refundedId);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    }

    /** Paid at the entrance: the ID card opens the gate as soon as the order shows paid, not an event later. */
    @Test
    void shouldAdmitByIdNumberAsSoonAsTheOrderIsPaid() {
        Sales.Today today = Sales.sessionToday(20);
        String idNo = Sales.idNumber();
        JsonNode order = Sales.placed(today.sessionId(), idNo);
        JsonNode south = Devices.register("南门闸机 e2e", "SOUTH", "MAIN");
        Sales.pay(order, null);
        Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));

        // The payment's event waits out a 30 s settle delay; order-service tells the gates right away.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Platform.json(Devices.verify(south, idNo, "IN"))
                        .path("result")
                        .asText()
                        .equals("ACCEPTED"));
    }

    @Test
    void shouldKeepAdmittingFromTheOfflinePackageAndReportConflictsOnUpload(@TempDir Path state) {
        Sales.Today today = Sales.sessionToday(20);
        String idNo = Sales.idNumber();
        JsonNode order = Sales.placed(today.sessionId(), Sales.idNumber(), idNo);
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        String first = paid.path("tickets").get(0).path("credential").asText();
        String second = paid.path("tickets").get(1).path("credential").asText();
        String secondId = paid.path("tickets").get(1).path("ticketId").asText();
        JsonNode north = Devices.register("北门闸机 e2e", "NORTH", "MAIN");
        awaitKnown(north, second);
        JsonNode south = Devices.register("南门离线闸机 e2e", "SOUTH", "MAIN");
        OfflinePackage day = gate(south, Platform.uri("/"), state).refresh();

        // The network between the south gate and the platform is cut: nothing answers it.
        Gate cutOff = gate(south, URI.create("http://127.0.0.1:9/"), state);
        Scan offline = cutOff.scan(first, "IN");
        Scan offlineAgain = cutOff.scan(first, "IN");
        JsonNode online = Platform.json(Devices.verify(north, second, "IN"));
        Scan byIdMeanwhile = cutOff.scan(idNo, "IN");
        int pending = cutOff.pending();
        // Back online, the gate sends what it let in.
        Gate back = gate(south, Platform.uri("/"), state);
        OfflineScans.Result uploaded = back.upload();

        assertThat(day.tickets()).extracting(OfflinePackage.Ticket::ticketId).contains(secondId);
        assertThat(offline.mode()).isEqualTo(Scan.Mode.OFFLINE);
        assertThat(offline.accepted()).as(offline.toString()).isTrue();
        assertThat(offlineAgain.reason()).isEqualTo("ALREADY_USED");
        assertThat(online.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(byIdMeanwhile.accepted()).as(byIdMeanwhile.toString()).isTrue();
        assertThat(byIdMeanwhile.ticketId()).isEqualTo(secondId);
        assertThat(pending).isEqualTo(2);
        assertThat(uploaded.accepted()).isEqualTo(1);
        assertThat(uploaded.conflicts()).isEqualTo(1);
        assertThat(uploaded.outcomes())
                .filteredOn(o -> o.outcome().equals(OfflineScans.CONFLICT))
                .singleElement()
                .satisfies(conflict -> {
                    assertThat(conflict.ticketId()).isEqualTo(secondId);
                    assertThat(conflict.reason()).isEqualTo("ALREADY_USED");
                });
        assertThat(back.pending()).isZero();
        // The ticket let in offline is used now: online it is refused, and the order is used up.
        assertThat(Platform.json(Devices.verify(north, first, "IN"))
                        .path("reason")
                        .asText())
                .isEqualTo("ALREADY_USED");
        Sales.awaitStatus(order, "USED", Duration.ofSeconds(30));
    }

    private static Gate gate(JsonNode device, URI platform, Path state) {
        return new Gate(new GateConfig(
                        platform,
                        device.path("keyId").asText(),
                        Devices.secret(device),
                        device.path("gate").asText() + "-1",
                        state)
                .withTimeout(Duration.ofSeconds(5)));
    }

    /** Order events reach gates after order-service's outbox settle delay (30 s). */
    static void awaitKnown(JsonNode device, String credential) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !Platform.json(Devices.verify(device, credential, "OUT"))
                        .path("reason")
                        .asText()
                        .equals("UNKNOWN"));
    }

    /** What ten gates answer for one ticket presented to all of them at once: a result or a reason each. */
    private static List<String> atTenGatesAtOnce(String credential) {
        List<JsonNode> gates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gates.add(Devices.register("闸机 " + i + " e2e", "GATE-" + i, "MAIN"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<String>> answers = gates.stream()
                    .map(gate -> CompletableFuture.supplyAsync(
                            () -> {
                                JsonNode answer = Platform.json(Devices.verify(gate, credential, "IN"));
                                return answer.path("result").asText().equals("ACCEPTED")
                                        ? "ACCEPTED"
                                        : answer.path("reason").asText();
                            },
                            pool))
                    .toList();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }
}
