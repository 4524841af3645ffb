package com.wuhou.ticketing.gateway.problem;

import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself answers — unknown path, no instance of a service, unexpected
 * failure — becomes a problem document instead of Spring's default error JSON.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemWriter writer;

    ProblemErrorWebExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof NotFoundException) {
            // The route exists but no instance of its service is registered.
            return writer.write(
                    exchange, CommonErrorCode.SERVICE_UNAVAILABLE, "The service for this path is not available");
        }
        if (ex instanceof ResponseStatusException rse) {
            ErrorCode code = rse.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                    ? CommonErrorCode.ROUTE_NOT_FOUND
                    : CommonErrorCode.forStatus(rse.getStatusCode().value());
            String detail = code == CommonErrorCode.ROUTE_NOT_FOUND
                    ? "No API answers " + exchange.getRequest().getPath().value()
                    : rse.getReason() != null ? rse.getReason() : code.title();
            return writer.write(exchange, code, detail);
        }
        log.error("Unhandled gateway error for {}", exchange.getRequest().getPath(), ex);
        return writer.write(exchange, CommonErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    }
}
