package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Through the gateway, with a registered device's signature: a ticket bought and paid reaches the
 * gates' own read model from order-service's events (no call to order-service on a scan), and the
 * answer names the ticket and the reason. (Admission on the day itself is covered by checkin-service's
 * VerificationTests; e2e sessions lie in the future.)
 */
class GateTests {

    @Test
    void shouldKnowAPaidTicketFromOrderEventsAndRefuseItOnAnotherDay() {
        long session = Sales.freshSession(5);
        String idNo = Sales.idNumber();
        JsonNode order = Sales.placed(session, idNo);
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        JsonNode ticket = paid.path("tickets").get(0);
        String credential = ticket.path("credential").asText();
        JsonNode gate = Devices.register("东门闸机 e2e", "EAST", "MAIN");

        // The event is relayed after order-service's settle delay (30 s); until then the gate does not know it.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Platform.json(Devices.verify(gate, credential, "IN"))
                        .path("reason")
                        .asText()
                        .equals("NOT_TODAY"));
        HttpResponse<String> byQr = Devices.verify(gate, credential, "IN");
        HttpResponse<String> byId = Devices.verify(gate, idNo, "IN");
        String tampered = credential.substring(0, credential.length() - 4) + "AAAA";
        HttpResponse<String> forged = Devices.verify(gate, tampered, "IN");

        assertThat(byQr.statusCode()).isEqualTo(200);
        JsonNode answer = Platform.json(byQr);
        assertThat(answer.path("result").asText()).isEqualTo("REJECTED");
        assertThat(answer.path("ticket").path("ticketId").asText())
                .isEqualTo(ticket.path("ticketId").asText());
        assertThat(answer.path("ticket").path("visitorName").asText()).contains("*");
        // An ID number finds no ticket for today: its ticket is for another day.
        assertThat(Platform.json(byId).path("reason").asText()).isEqualTo("UNKNOWN");
        assertThat(Platform.json(forged).path("reason").asText()).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void shouldShowTheLiveHeadcountToASignedDevice() {
        HttpResponse<String> occupancy = Devices.signedGet("/checkin/v1/occupancy");
        HttpResponse<String> unsigned = Platform.get("/checkin/v1/occupancy");

        assertThat(occupancy.statusCode()).as(occupancy.body()).isEqualTo(200);
        JsonNode body = Platform.json(occupancy);
        assertThat(body.path("headcount").isNumber()).isTrue();
        assertThat(body.path("areas").isArray()).isTrue();
        assertThat(body.path("date").asText()).isNotBlank();
        Platform.assertProblem(unsigned, 401, "BAD_SIGNATURE");
    }
}
