package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A visitor's calls to this service over HTTP, for tests that run it with {@code InventoryStub}; a
 * test imports it as a bean ({@code @Import(Buyer.class)}).
 */
public final class Buyer {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestRestTemplate http;
    private final ObjectMapper json;

    public Buyer(TestRestTemplate http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** A valid mainland ID number not used before in this JVM (check digit computed). */
    public static String idNumber() {
        int n = SEQUENCE.incrementAndGet();
        String body = "110105"
                + LocalDate.of(1960, 1, 1).plusDays(n / 1000).toString().replace("-", "") + "%03d".formatted(n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** Orders one ADULT ticket per ID number; asserts 201 and answers the order with its token. */
    public JsonNode ordered(String contactPhone, String... idNumbers) {
        ResponseEntity<String> created = order(contactPhone, idNumbers);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return read(created);
    }

    public ResponseEntity<String> order(String contactPhone, String... idNumbers) {
        StringBuilder visitors = new StringBuilder();
        for (String id : idNumbers) {
            visitors.append(visitors.isEmpty() ? "" : ",")
                    .append("{\"name\":\"张三\",\"idType\":\"ID_CARD\",\"idNo\":\"")
                    .append(id)
                    .append("\",\"ticketType\":\"ADULT\"}");
        }
        return send(
                HttpMethod.POST,
                "/api/v1/orders",
                "{\"sessionId\":7,\"contactPhone\":\"" + contactPhone + "\",\"visitors\":[" + visitors + "]}",
                null);
    }

    public ResponseEntity<String> send(HttpMethod method, String path, String body, String orderToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (orderToken != null) {
            headers.set("X-Order-Token", orderToken);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    public JsonNode read(ResponseEntity<String> answer) {
        try {
            return json.readTree(answer.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a problem document with this status and code, and answers it. */
    public JsonNode problem(ResponseEntity<String> answer, int status, String code) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        JsonNode problem = read(answer);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        return problem;
    }
}
