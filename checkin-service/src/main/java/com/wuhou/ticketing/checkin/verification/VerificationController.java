package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.CheckinErrorCode;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.platform.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Gates ask whether to open: {@code POST /checkin/v1/verifications} (signed by the device). */
@RestController
class VerificationController {

    private final Verifications verifications;
    private final DeviceService devices;

    VerificationController(Verifications verifications, DeviceService devices) {
        this.verifications = verifications;
        this.devices = devices;
    }

    /** Request body: the QR text or an ID number, where, which way, and when the gate scanned it. */
    record VerificationRequest(
            @NotBlank @Size(max = 512) String credential,
            @NotBlank @Size(max = 64) String gate,
            @NotNull @Pattern(regexp = "IN|OUT") String direction,
            @NotNull Instant scannedAt) {}

    @PostMapping("/checkin/v1/verifications")
    Verification verify(
            @RequestHeader(name = DeviceService.SIGNED_PRINCIPAL, required = false) String principal,
            @Valid @RequestBody VerificationRequest request) {
        Device device = devices.byPrincipal(principal)
                .orElseThrow(() -> new ApiException(
                        CheckinErrorCode.DEVICE_SIGNATURE_REQUIRED, "Sign the request with a registered device's key"));
        return verifications.verify(
                device,
                new Verifications.Scan(
                        request.credential().strip(), request.gate(), request.direction(), request.scannedAt()));
    }
}
