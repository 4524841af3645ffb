package com.wuhou.ticketing.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemErrorDecoderTests {

    private final ProblemErrorDecoder decoder = new ProblemErrorDecoder(new ObjectMapper());

    @Test
    void shouldRecreateTypedExceptionWhenRemoteAnswersProblem() {
        Exception decoded = decoder.decode(
                "InventoryClient#hold",
                response(
                        409,
                        "{\"type\":\"about:blank\",\"status\":409,\"code\":\"SOLD_OUT\","
                                + "\"detail\":\"Session 7 has no capacity left\",\"requestId\":\"r-9\"}"));

        assertThat(decoded).isInstanceOf(RemoteProblemException.class);
        RemoteProblemException problem = (RemoteProblemException) decoded;
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("SOLD_OUT");
        assertThat(problem.requestId()).isEqualTo("r-9");
        assertThat(problem.isTransient()).isFalse();
        assertThat(problem.getMessage()).contains("Session 7 has no capacity left");
    }

    @Test
    void shouldFallBackToStatusCodeWhenBodyIsNotAProblem() {
        RemoteProblemException problem =
                (RemoteProblemException) decoder.decode("InventoryClient#hold", response(503, "<html>busy</html>"));

        assertThat(problem.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.isTransient()).isTrue();
    }

    private static Response response(int status, String body) {
        Request request = Request.create(
                Request.HttpMethod.POST,
                "http://inventory-service/holds",
                Map.<String, Collection<String>>of(),
                null,
                StandardCharsets.UTF_8,
                null);
        return Response.builder()
                .status(status)
                .request(request)
                .headers(Map.of())
                .body(body, StandardCharsets.UTF_8)
                .build();
    }
}
