package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.platform.access.Caller;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Gates ask whether to open: {@code POST /checkin/v1/verifications} (signed by the device). */
@RestController
class VerificationController {

    /**
     * How far a gate's clock may be from the platform's: further is a broken gate, and a time outside
     * what the scan log can store would break the insert of every scan written with it.
     */
    static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final Verifications verifications;
    private final DeviceService devices;
    private final Clock clock;

    VerificationController(Verifications verifications, DeviceService devices, Clock clock) {
        this.verifications = verifications;
        this.devices = devices;
        this.clock = clock;
    }

    @PostMapping("/checkin/v1/verifications")
    Verification verify(
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller,
            @Valid @RequestBody Verification.Request request) {
        Device device = devices.signedBy(caller);
        Instant now = clock.instant();
        if (request.scannedAt().isBefore(now.minus(MAX_CLOCK_SKEW))
                || request.scannedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "One or more fields are invalid",
                    Map.of(
                            Problems.ERRORS,
                            List.of(new Problems.FieldError(
                                    "scannedAt", "more than a day from the platform's clock; set the gate's clock"))));
        }
        return verifications.verify(
                device,
                new Verifications.Scan(
                        request.credential().strip(), request.gate(), request.direction(), request.scannedAt()));
    }
}
