package com.wuhou.ticketing.checkin;

import com.wuhou.ticketing.platform.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** checkin-service's own problem codes (docs/errors.md). */
public final class CheckinErrorCode {

    public static final ErrorCode DEVICE_NOT_FOUND =
            new ErrorCode("DEVICE_NOT_FOUND", HttpStatus.NOT_FOUND, "No such device");

    public static final ErrorCode DEVICE_SIGNATURE_REQUIRED = new ErrorCode(
            "DEVICE_SIGNATURE_REQUIRED", HttpStatus.UNAUTHORIZED, "Only a signed gate device may call this");

    private CheckinErrorCode() {}
}
