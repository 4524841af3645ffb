package com.wuhou.ticketing.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.gateway.requestid.RequestIdWebFilter;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes the gateway's own problem documents (the same shape the services answer with). */
@Component
public class ProblemWriter {

    private final ObjectMapper objectMapper;

    public ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        ProblemDetail problem = Problems.of(code, detail, RequestIdWebFilter.of(exchange));
        problem.setInstance(exchange.getRequest()
                .getURI()
                .resolve(exchange.getRequest().getPath().value()));
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(code.status());
        response.getHeaders().setContentType(Problems.MEDIA_TYPE);
        byte[] body;
        try {
            body = objectMapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
