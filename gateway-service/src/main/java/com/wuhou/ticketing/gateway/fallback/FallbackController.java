package com.wuhou.ticketing.gateway.fallback;

import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where the circuit breaker sends a request whose service is down, failing or too slow ({@code 503}),
 * or that found its route's bulkhead full ({@code 429}).
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    /** Seconds a client should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ProblemWriter writer;

    FallbackController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("/fallback/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        log.debug(
                "{} {} answered 503: {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                cause);
        if (cause instanceof BulkheadFullException) {
            // The route's own admission limit, not a fault of the service: come back in a second.
            exchange.getResponse().getHeaders().set("Retry-After", "1");
            return writer.write(
                    exchange, CommonErrorCode.BUSY, "Too many requests of this kind right now; please try again");
        }
        String detail = cause instanceof TimeoutException
                ? "The service did not answer in time; please try again shortly"
                : "The service is temporarily unavailable; please try again shortly";
        exchange.getResponse().getHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
        return writer.write(exchange, CommonErrorCode.SERVICE_UNAVAILABLE, detail);
    }
}
