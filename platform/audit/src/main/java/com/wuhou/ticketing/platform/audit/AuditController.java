package com.wuhou.ticketing.platform.audit;

import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators read the trail newest first, a page at a time ({@code beforeId} = the last id seen). */
@RestController
class AuditController {

    static final int MAX_LIMIT = 500;

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    record Page(List<AuditRecord> records) {}

    @GetMapping("/admin/v1/audit-records")
    Page newest(
            @RequestParam(required = false) String target,
            @RequestParam(required = false) Long beforeId,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "limit must be 1 to " + MAX_LIMIT,
                    Map.of(
                            Problems.ERRORS,
                            List.of(new Problems.FieldError("limit", "must be between 1 and " + MAX_LIMIT))));
        }
        return new Page(trail.newest(target, beforeId, limit));
    }
}
