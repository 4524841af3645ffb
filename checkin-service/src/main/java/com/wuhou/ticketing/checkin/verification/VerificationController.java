package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.platform.access.Caller;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
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

    @PostMapping("/checkin/v1/verifications")
    Verification verify(
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller,
            @Valid @RequestBody Verification.Request request) {
        Device device = devices.signedBy(caller);
        return verifications.verify(
                device,
                new Verifications.Scan(
                        request.credential().strip(), request.gate(), request.direction(), request.scannedAt()));
    }
}
