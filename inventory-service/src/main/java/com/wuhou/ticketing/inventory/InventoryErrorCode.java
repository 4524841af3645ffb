package com.wuhou.ticketing.inventory;

import com.wuhou.ticketing.platform.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The inventory service's own problem codes (see docs/errors.md for the common ones). */
public enum InventoryErrorCode implements ErrorCode {
    TICKET_TYPE_EXISTS(HttpStatus.CONFLICT, "A ticket type with this code exists"),
    TICKET_TYPE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such ticket type"),
    SESSION_EXISTS(HttpStatus.CONFLICT, "A session starting at this time exists on this date"),
    SESSION_NOT_FOUND(HttpStatus.NOT_FOUND, "No such session");

    private final HttpStatus status;
    private final String title;

    InventoryErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
