package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Through the gateway: an operator registers a gate device, which signs its requests; revocation is at once. */
class DeviceTests {

    private static final String SELF = "/checkin/v1/device";

    @Test
    void shouldLetARegisteredDeviceInWithSignedRequestsOnlyUntilItIsRevoked() {
        JsonNode device = Devices.register("北门闸机 e2e", "NORTH", "MAIN");
        String keyId = device.path("keyId").asText();
        Map<String, String> headers = Devices.signGet(device, SELF, Clock.systemUTC());

        HttpResponse<String> self = Devices.get(SELF, headers);
        HttpResponse<String> replay = Devices.get(SELF, headers);
        HttpResponse<String> wrongSecret = Devices.get(
                SELF, SignedRequests.sign(keyId, new byte[32], "GET", SELF, new byte[0], Clock.systemUTC()));
        HttpResponse<String> stale = Devices.get(
                SELF, Devices.signGet(device, SELF, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6))));
        HttpResponse<String> unknown = Devices.get(
                SELF,
                SignedRequests.sign(
                        "dk_000000000000000000000000",
                        Devices.secret(device),
                        "GET",
                        SELF,
                        new byte[0],
                        Clock.systemUTC()));
        HttpResponse<String> unsigned = Platform.get(SELF);

        assertThat(self.statusCode()).as(self.body()).isEqualTo(200);
        assertThat(Platform.json(self).path("gate").asText()).isEqualTo("NORTH");
        assertThat(Platform.json(self).path("keyId").asText()).isEqualTo(keyId);
        Platform.assertProblem(replay, 401, "NONCE_REUSED");
        Platform.assertProblem(wrongSecret, 401, "BAD_SIGNATURE");
        Platform.assertProblem(stale, 401, "SIGNATURE_EXPIRED");
        Platform.assertProblem(unknown, 401, "UNKNOWN_KEY");
        Platform.assertProblem(unsigned, 401, "BAD_SIGNATURE");

        HttpResponse<String> revoked = Sales.operator(
                "POST", "/admin/v1/devices/" + device.path("deviceId").asLong() + "/revocation", "");
        assertThat(Platform.json(revoked).path("status").asText()).isEqualTo("REVOKED");
        Platform.assertProblem(Devices.get(SELF, Devices.signGet(device, SELF, Clock.systemUTC())), 401, "UNKNOWN_KEY");
    }

    @Test
    void shouldRefuseAnIncompleteRegistration() {
        HttpResponse<String> missingArea =
                Sales.operator("POST", "/admin/v1/devices", "{\"name\":\"n\",\"gate\":\"NORTH\"}");

        Platform.assertProblem(missingArea, 422, "VALIDATION_FAILED");
    }
}
