package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Gate devices as the tests use them: registered by the operator, signing their requests. */
final class Devices {

    private static JsonNode shared;

    private Devices() {}

    /** A device registered through the gateway (its answer, with {@code keyId} and {@code secret}). */
    static JsonNode register(String name, String gate, String area) {
        HttpResponse<String> created = Sales.operator(
                "POST",
                "/admin/v1/devices",
                "{\"name\":\"%s\",\"gate\":\"%s\",\"area\":\"%s\"}".formatted(name, gate, area));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Platform.json(created);
    }

    /** One device for tests that only need some signed caller. */
    static synchronized JsonNode shared() {
        if (shared == null) {
            shared = register("e2e 共用闸机", "E2E", "MAIN");
        }
        return shared;
    }

    static byte[] secret(JsonNode device) {
        return Base64.getUrlDecoder().decode(device.path("secret").asText());
    }

    /** The signature headers of a GET as {@code device} would sign it at {@code clock}'s time. */
    static Map<String, String> signGet(JsonNode device, String path, Clock clock) {
        return SignedRequests.sign(device.path("keyId").asText(), secret(device), "GET", path, new byte[0], clock);
    }

    static HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.uri(path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        headers.forEach(request::header);
        return Platform.send(request.build());
    }

    /** A POST of {@code json} signed now by {@code device}. */
    static HttpResponse<String> signedPost(JsonNode device, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        SignedRequests.sign(device.path("keyId").asText(), secret(device), "POST", path, body, Clock.systemUTC())
                .forEach(request::header);
        return Platform.send(request.build());
    }

    /** A gate's question about a credential (QR text or ID number), signed by {@code device}. */
    static HttpResponse<String> verify(JsonNode device, String credential, String direction) {
        return signedPost(
                device,
                "/checkin/v1/verifications",
                "{\"credential\":\"%s\",\"gate\":\"%s\",\"direction\":\"%s\",\"scannedAt\":\"%s\"}"
                        .formatted(credential, device.path("gate").asText(), direction, Instant.now()));
    }

    /** A GET signed now by the shared device. */
    static HttpResponse<String> signedGet(String path) {
        return get(path, signGet(shared(), path, Clock.systemUTC()));
    }
}
