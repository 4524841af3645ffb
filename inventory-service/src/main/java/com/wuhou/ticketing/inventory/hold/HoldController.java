package com.wuhou.ticketing.inventory.hold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.inventory.api.Abandonment;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.HoldPaths;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Holds for other services (order-service, channel-service). Under {@code /internal/}: the gateway
 * routes no public path here.
 */
@RestController
class HoldController {

    private final HoldService service;
    private final ObjectMapper json;

    HoldController(HoldService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @PostMapping(HoldPaths.HOLDS)
    @ResponseStatus(HttpStatus.CREATED)
    Hold hold(@Valid @RequestBody Hold request) {
        return service.hold(request);
    }

    @GetMapping(HoldPaths.HOLD)
    Hold find(@PathVariable String holdRef) {
        return service.find(holdRef);
    }

    @PostMapping(HoldPaths.CONFIRMATION)
    Hold confirm(@PathVariable String holdRef) {
        return service.confirm(holdRef);
    }

    /** The body is optional: without it (or with no hashes) the whole hold is released. */
    @PostMapping(HoldPaths.RELEASE)
    Hold release(@PathVariable String holdRef, @RequestBody(required = false) JsonNode body) {
        return service.release(holdRef, release(body), false);
    }

    @PostMapping(HoldPaths.LEDGER_RELEASE)
    Hold releaseInLedger(@PathVariable String holdRef, @RequestBody(required = false) JsonNode body) {
        return service.release(holdRef, release(body), true);
    }

    /** A {@link Release}, refusing members it does not have (an older caller's flags must not be ignored). */
    private Release release(JsonNode body) {
        if (body == null || body.isNull()) {
            return Release.all();
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("idHashes")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty() || !body.isObject()) {
            String message = "a release names only idHashes; not " + unknown
                    + " (ledger-only releases and abandonments have their own paths)";
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    message,
                    Map.of(Problems.ERRORS, List.of(new Problems.FieldError(String.join(",", unknown), message))));
        }
        try {
            return json.treeToValue(body, Release.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "idHashes must be a list of strings");
        }
    }

    @PostMapping(HoldPaths.ABANDONMENT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void abandon(@PathVariable String holdRef, @Valid @RequestBody Abandonment abandonment) {
        service.abandon(holdRef, abandonment.sessionId());
    }
}
