package com.wuhou.ticketing.checkin.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.signedrequest.KeyRecords;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import com.wuhou.ticketing.platform.testsupport.TestOperators;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Operators register and revoke devices on real MySQL and Redis; the gateway's copy follows. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class DeviceTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeviceKeys keys;

    @Autowired
    DeviceMapper mapper;

    @Test
    void shouldShowTheSecretOnceAndPublishTheKeyForTheGateway() throws Exception {
        ResponseEntity<String> created =
                send(HttpMethod.POST, "/admin/v1/devices", registration("北门闸机 1", "NORTH", "MAIN"));

        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode device = json.readTree(created.getBody());
        String keyId = device.path("keyId").asText();
        String secret = device.path("secret").asText();
        assertThat(keyId).startsWith("dk_");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(device.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.getHeaders().getLocation())
                .hasPath("/admin/v1/devices/" + device.path("deviceId").asLong());
        // The list never shows a secret, and the database holds it only sealed.
        String list = send(HttpMethod.GET, "/admin/v1/devices", null).getBody();
        assertThat(list).contains(keyId).doesNotContain(secret).doesNotContain("secret");
        byte[] stored = jdbc.queryForObject("SELECT secret_sealed FROM device WHERE key_id = ?", byte[].class, keyId);
        assertThat(HexFormat.of().formatHex(stored))
                .doesNotContain(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(secret)));
        // What the gateway reads opens to the same secret with the shared key.
        String published = (String) redis.opsForHash().get(KeyRecords.REDIS_HASH, keyId);
        assertThat(published).startsWith("device:" + device.path("deviceId").asLong() + "|ACTIVE|");
    }

    @Test
    void shouldRevokeAtOnceAndRepublishAfterRedisLosesTheKeys() throws Exception {
        JsonNode device = register("南门手持机", "SOUTH", "MAIN");
        long id = device.path("deviceId").asLong();
        String keyId = device.path("keyId").asText();

        ResponseEntity<String> revoked = send(HttpMethod.POST, "/admin/v1/devices/" + id + "/revocation", "");
        ResponseEntity<String> again = send(HttpMethod.POST, "/admin/v1/devices/" + id + "/revocation", "");
        ResponseEntity<String> unknown = send(HttpMethod.POST, "/admin/v1/devices/999999/revocation", "");

        assertThat(revoked.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(revoked.getBody()).path("status").asText()).isEqualTo("REVOKED");
        assertThat(json.readTree(revoked.getBody()).path("revokedAt").isTextual())
                .isTrue();
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(unknown.getBody()).path("code").asText()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat((String) redis.opsForHash().get(KeyRecords.REDIS_HASH, keyId))
                .contains("|REVOKED|");

        redis.delete(KeyRecords.REDIS_HASH);
        keys.publishAll();

        assertThat((String) redis.opsForHash().get(KeyRecords.REDIS_HASH, keyId))
                .contains("|REVOKED|");
        JsonNode trail = json.readTree(send(HttpMethod.GET, "/admin/v1/audit-records?target=device/" + id, null)
                        .getBody())
                .path("records");
        assertThat(trail)
                .extracting(r -> r.path("action").asText())
                .containsExactly("device.revoke", "device.register");
        // The actor is the operator whose token this service verified, not a header anyone could send.
        assertThat(trail).extracting(r -> r.path("actor").asText()).containsOnly("ops-alice");
        assertThat(trail.toString()).doesNotContain("secret");
    }

    @Test
    void shouldRefuseIncompleteRegistrationsWithoutCreatingAnything() throws Exception {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM device", Integer.class);

        ResponseEntity<String> missingGate =
                send(HttpMethod.POST, "/admin/v1/devices", "{\"name\":\"x\",\"area\":\"MAIN\"}");

        assertThat(missingGate.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(missingGate.getBody()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM device", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void shouldTellADeviceWhoItIsOnlyWhenItsSignatureChecksOut() throws Exception {
        JsonNode device = register("东门闸机", "EAST", "GARDEN");
        String keyId = device.path("keyId").asText();
        byte[] secret = Base64.getUrlDecoder().decode(device.path("secret").asText());
        HttpHeaders claimed = new HttpHeaders();
        claimed.set("X-Signed-Principal", "device:" + device.path("deviceId").asLong());

        ResponseEntity<String> self = http.exchange(
                "/checkin/v1/device", HttpMethod.GET, new HttpEntity<>(signed(keyId, secret)), String.class);
        ResponseEntity<String> anonymous =
                http.exchange("/checkin/v1/device", HttpMethod.GET, new HttpEntity<>(claimed), String.class);
        ResponseEntity<String> otherSecret = http.exchange(
                "/checkin/v1/device",
                HttpMethod.GET,
                new HttpEntity<>(signed(keyId, SecretBox.newSecret())),
                String.class);

        assertThat(json.readTree(self.getBody()).path("gate").asText()).isEqualTo("EAST");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(otherSecret.getStatusCode().value()).isEqualTo(401);
        assertThat(json.readTree(otherSecret.getBody()).path("code").asText()).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void shouldRefuseARevokedDeviceItselfEvenWhenTheGatewayWouldStillLetItThrough() throws Exception {
        JsonNode device = register("西门闸机", "WEST", "MAIN");
        String keyId = device.path("keyId").asText();
        byte[] secret = Base64.getUrlDecoder().decode(device.path("secret").asText());
        assertThat(http.exchange(
                                "/checkin/v1/device",
                                HttpMethod.GET,
                                new HttpEntity<>(signed(keyId, secret)),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        send(HttpMethod.POST, "/admin/v1/devices/" + device.path("deviceId").asLong() + "/revocation", "");
        ResponseEntity<String> afterRevocation = http.exchange(
                "/checkin/v1/device", HttpMethod.GET, new HttpEntity<>(signed(keyId, secret)), String.class);

        assertThat(afterRevocation.getStatusCode().value()).isEqualTo(401);
        assertThat(json.readTree(afterRevocation.getBody()).path("code").asText())
                .isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void shouldNeverLetAStaleRepublishTurnARevokedKeyActiveAgain() throws Exception {
        JsonNode device = register("北门手持机", "NORTH", "MAIN");
        long id = device.path("deviceId").asLong();
        String keyId = device.path("keyId").asText();
        // What a republish run read just before the operator revoked the device.
        DeviceDO readBeforeRevocation = mapper.selectById(id);

        send(HttpMethod.POST, "/admin/v1/devices/" + id + "/revocation", "");
        keys.publish(readBeforeRevocation);

        assertThat((String) redis.opsForHash().get(KeyRecords.REDIS_HASH, keyId))
                .contains("|REVOKED|");
    }

    private JsonNode register(String name, String gate, String area) throws Exception {
        return json.readTree(send(HttpMethod.POST, "/admin/v1/devices", registration(name, gate, area))
                .getBody());
    }

    private static HttpHeaders signed(String keyId, byte[] secret) {
        HttpHeaders headers = new HttpHeaders();
        SignedRequests.sign(keyId, secret, "GET", "/checkin/v1/device", new byte[0], Clock.systemUTC())
                .forEach(headers::set);
        return headers;
    }

    private static String registration(String name, String gate, String area) {
        return "{\"name\":\"%s\",\"gate\":\"%s\",\"area\":\"%s\"}".formatted(name, gate, area);
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.AUTHORIZATION, TestOperators.bearer("ops-alice", "ADMIN"));
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
