package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An admission survives a crash of checkin-service: the gate is answered {@code ACCEPTED} only once
 * the entry is committed, so when the service is killed with SIGKILL (no shutdown, nothing flushed)
 * right after that answer and started again, the same ticket is refused, and the order is still
 * marked used from the entry's event.
 */
class GateCrashTests {

    private static final String CHECKIN = "checkin-service";

    @Test
    void shouldRefuseATicketAdmittedJustBeforeCheckinServiceWasKilled() throws Exception {
        Sales.Today today = Sales.sessionToday(20);
        JsonNode order = Sales.placed(today.sessionId(), Sales.idNumber());
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        String credential = paid.path("tickets").get(0).path("credential").asText();
        JsonNode gate = Devices.register("崩溃闸机 e2e", "CRASH-1", "MAIN");
        AdmissionTests.awaitKnown(gate, credential);

        JsonNode admitted = Platform.json(Devices.verify(gate, credential, "IN"));
        ProcessHandle checkin = checkinService();
        assertThat(checkin.destroyForcibly()).isTrue();
        checkin.onExit().get(30, TimeUnit.SECONDS);
        Platform.devstack("start", CHECKIN);
        JsonNode after = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> answered(Devices.verify(gate, credential, "IN")), a -> a != null);

        assertThat(admitted.path("result").asText()).as(admitted.toString()).isEqualTo("ACCEPTED");
        assertThat(after.path("result").asText()).as(after.toString()).isEqualTo("REJECTED");
        assertThat(after.path("reason").asText()).isEqualTo("ALREADY_USED");
        Sales.awaitStatus(order, "USED", Duration.ofSeconds(60));
    }

    /** The answer of a restarted service, or null while the gateway cannot reach it yet. */
    private static JsonNode answered(HttpResponse<String> response) {
        return response.statusCode() == 200 ? Platform.json(response) : null;
    }

    private static ProcessHandle checkinService() throws Exception {
        long pid =
                Long.parseLong(Files.readString(Platform.home().resolve("pids").resolve(CHECKIN + ".pid"))
                        .strip());
        return ProcessHandle.of(pid).orElseThrow();
    }
}
