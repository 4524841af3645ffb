package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two inventory-service instances serve a release rush; one is killed with SIGKILL (no shutdown hooks,
 * no deregistration) in the middle of it. Buyers still end with a hold or "sold out", never more than
 * the capacity is sold, and no place stays held once the payment window has passed.
 */
class InventoryFailoverTests {

    private static final String SECOND = "inventory-service-2";
    private static final int CAPACITY = 300;

    @Test
    void shouldNeverSellMoreThanCapacityWhenOneOfTwoInventoryInstancesIsKilled() throws Exception {
        Platform.devstack("start", SECOND);
        try {
            long session = Sales.freshSession(CAPACITY);
            // Callers refresh their instance lists every 5 s: let them see both instances first.
            await().pollDelay(Duration.ofSeconds(6)).until(() -> true);

            List<JsonNode> orders = Rush.withFault(
                    session,
                    CAPACITY,
                    1_500,
                    () -> assertThat(secondInstance().destroyForcibly()).isTrue());

            Rush.assertNoOversellAndNothingLeftHeld(session, CAPACITY, orders);
        } finally {
            Platform.devstack("stop", SECOND);
        }
    }

    private static ProcessHandle secondInstance() {
        try {
            long pid = Long.parseLong(
                    Files.readString(Platform.home().resolve("pids").resolve(SECOND + ".pid"))
                            .strip());
            return ProcessHandle.of(pid).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
