package com.wuhou.ticketing.checkin.offline;

import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.platform.access.Caller;
import jakarta.validation.Valid;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What gates need to work offline, and where they report what they did meanwhile (signed devices only). */
@RestController
class OfflineController {

    private final OfflinePackages packages;
    private final OfflineUploads uploads;
    private final DeviceService devices;

    OfflineController(OfflinePackages packages, OfflineUploads uploads, DeviceService devices) {
        this.packages = packages;
        this.uploads = uploads;
        this.devices = devices;
    }

    /** The day's package, whole or (with {@code since}, an earlier package's cursor) what changed. */
    @GetMapping("/checkin/v1/offline-package")
    ResponseEntity<byte[]> offlinePackage(
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) Long since) {
        OfflinePackages.Signed signed = packages.build(devices.signedBy(caller), date, since);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(OfflinePackage.SIGNATURE_HEADER, signed.signature())
                .body(signed.body());
    }

    @PostMapping("/checkin/v1/offline-scans")
    OfflineScans.Result upload(
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller,
            @Valid @RequestBody OfflineScans.Upload upload) {
        return uploads.upload(devices.signedBy(caller), upload.scans());
    }
}
