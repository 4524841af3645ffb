package com.wuhou.ticketing.checkin.device;

import com.wuhou.ticketing.platform.access.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators register and revoke gate devices; a device can ask who it is registered as. */
@RestController
class DeviceController {

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    /** Request body of {@code POST /admin/v1/devices}. */
    record Registration(
            @NotBlank @Size(max = 64) String name,
            @NotBlank @Size(max = 64) String gate,
            @NotBlank @Size(max = 64) String area) {}

    /** The answer to a registration: the device, its key id and its secret (shown once). */
    record Registered(
            long deviceId, String name, String gate, String area, String keyId, String secret, String status) {}

    @PostMapping("/admin/v1/devices")
    ResponseEntity<Registered> register(@Valid @RequestBody Registration registration) {
        DeviceService.Registered made = devices.register(registration.name(), registration.gate(), registration.area());
        Device d = made.device();
        return ResponseEntity.created(URI.create("/admin/v1/devices/" + d.deviceId()))
                .body(new Registered(d.deviceId(), d.name(), d.gate(), d.area(), d.keyId(), made.secret(), d.status()));
    }

    @GetMapping("/admin/v1/devices")
    List<Device> all() {
        return devices.all();
    }

    @PostMapping("/admin/v1/devices/{deviceId}/revocation")
    Device revoke(@PathVariable long deviceId) {
        return devices.revoke(deviceId);
    }

    /** The calling device's registration: a gate checks its set-up (key, gate, area) with it. */
    @GetMapping("/checkin/v1/device")
    Device self(@RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller) {
        return devices.signedBy(caller);
    }
}
