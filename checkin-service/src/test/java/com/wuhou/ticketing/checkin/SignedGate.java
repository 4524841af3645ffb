package com.wuhou.ticketing.checkin;

import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A registered gate device that signs its requests as a real one does (checkin-service checks them). */
public final class SignedGate {

    private final TestRestTemplate http;
    private final String keyId;
    private final byte[] secret;
    private final long deviceId;

    public SignedGate(TestRestTemplate http, DeviceService.Registered registered) {
        this.http = http;
        this.keyId = registered.device().keyId();
        this.secret = Base64.getUrlDecoder().decode(registered.secret());
        this.deviceId = registered.device().deviceId();
    }

    public long deviceId() {
        return deviceId;
    }

    public byte[] secret() {
        return secret.clone();
    }

    /** The four signature headers of this request, signed now. */
    public HttpHeaders headers(HttpMethod method, String pathWithQuery, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        SignedRequests.sign(keyId, secret, method.name(), pathWithQuery, body, Clock.systemUTC())
                .forEach(headers::set);
        return headers;
    }

    public ResponseEntity<String> post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = headers(HttpMethod.POST, path, body);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    public <T> ResponseEntity<T> get(String pathWithQuery, Class<T> type) {
        return http.exchange(
                pathWithQuery,
                HttpMethod.GET,
                new HttpEntity<>(headers(HttpMethod.GET, pathWithQuery, new byte[0])),
                type);
    }
}
