package com.wuhou.ticketing.platform.problem;

import jakarta.validation.ConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches MVC into a problem document with a {@code code} and the
 * {@code requestId}. Unexpected exceptions are logged once here and answered without internals.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
        ProblemDetail problem = Problems.with(Problems.of(ex.errorCode(), ex.getMessage()), ex.properties());
        return respond(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
        List<Problems.FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new Problems.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return respond(validationFailed(errors));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        if (isOverload(ex)) {
            // Every database connection is busy: a moment of overload, not a fault. Ask to come back.
            log.warn("Overloaded: {}", ex.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(Problems.MEDIA_TYPE)
                    .body(Problems.of(
                            CommonErrorCode.SERVICE_UNAVAILABLE, "The service is busy; please try again shortly"));
        }
        log.error("Unhandled exception", ex);
        return respond(Problems.of(CommonErrorCode.INTERNAL_ERROR, "An unexpected error occurred"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new Problems.FieldError(e.getField(), e.getDefaultMessage()))
                .toList();
        return ResponseEntity.unprocessableEntity()
                .contentType(Problems.MEDIA_TYPE)
                .body(validationFailed(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> new Problems.FieldError(
                                r.getMethodParameter().getParameterName(), e.getDefaultMessage())))
                .toList();
        return ResponseEntity.unprocessableEntity()
                .contentType(Problems.MEDIA_TYPE)
                .body(validationFailed(errors));
    }

    /** Spring's own exceptions (404, 405, 415, unreadable body, …): keep their status, add our members. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = CommonErrorCode.forStatus(statusCode.value());
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : code.title();
        ProblemDetail problem = Problems.of(code, detail);
        if (statusCode.value() != code.status().value()) {
            problem.setStatus(statusCode.value());
        }
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.addAll(headers);
        answerHeaders.setContentType(Problems.MEDIA_TYPE);
        return new ResponseEntity<>(problem, answerHeaders, statusCode);
    }

    private static boolean isOverload(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail validationFailed(List<Problems.FieldError> errors) {
        return Problems.with(
                Problems.of(CommonErrorCode.VALIDATION_FAILED, "One or more fields are invalid"),
                Map.of(Problems.ERRORS, errors));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(Problems.MEDIA_TYPE)
                .body(problem);
    }
}
