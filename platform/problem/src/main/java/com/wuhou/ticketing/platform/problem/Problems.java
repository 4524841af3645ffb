package com.wuhou.ticketing.platform.problem;

import com.wuhou.ticketing.platform.requestid.RequestId;
import java.net.URI;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds the problem documents that every service and the gateway answer with. */
public final class Problems {

    /** Media type of every error answer. */
    public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

    /** Extra member: the stable error code. */
    public static final String CODE = "code";

    /** Extra member: the request id, so a user can quote it to support. */
    public static final String REQUEST_ID = "requestId";

    /** Extra member of {@code VALIDATION_FAILED}: the list of field errors. */
    public static final String ERRORS = "errors";

    private static final String TYPE_BASE = "https://wuhou-ticketing.example/problems/";

    private Problems() {}

    /** A problem document for {@code code}, with the request id taken from the logging context. */
    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(code, detail, MDC.get(RequestId.MDC_KEY));
    }

    /** A problem document for {@code code} with an explicit request id (reactive code has no MDC). */
    public static ProblemDetail of(ErrorCode code, String detail, String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setType(typeOf(code));
        problem.setTitle(code.title());
        problem.setProperty(CODE, code.code());
        if (requestId != null) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        return problem;
    }

    /** The same document with extra members added. */
    public static ProblemDetail with(ProblemDetail problem, Map<String, Object> properties) {
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The {@code type} URI of a code: stable, one per code, documented in docs/errors.md. */
    public static URI typeOf(ErrorCode code) {
        return URI.create(TYPE_BASE + code.code().toLowerCase().replace('_', '-'));
    }

    /** One entry of the {@code errors} member. */
    public record FieldError(String field, String message) {}
}
