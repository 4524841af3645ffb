package com.wuhou.ticketing.platform.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;

/** Turns another service's problem document back into a {@link RemoteProblemException}. */
public class ProblemErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper objectMapper;

    public ProblemErrorDecoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String fallbackCode = CommonErrorCode.forStatus(status).code();
        JsonNode body = readBody(response);
        if (body == null || !body.isObject()) {
            return new RemoteProblemException(
                    status, fallbackCode, methodKey + " answered HTTP " + status + " without a problem document", null);
        }
        return new RemoteProblemException(
                status,
                body.path(Problems.CODE).asText(fallbackCode),
                body.path("detail").asText(""),
                body.path(Problems.REQUEST_ID).asText(null));
    }

    private JsonNode readBody(Response response) {
        if (response.body() == null) {
            return null;
        }
        try (InputStream in = response.body().asInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
            return bytes.length == 0 ? null : objectMapper.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
