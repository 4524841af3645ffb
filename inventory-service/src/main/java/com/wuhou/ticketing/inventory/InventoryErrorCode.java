package com.wuhou.ticketing.inventory;

import com.wuhou.ticketing.platform.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The inventory service's own problem codes (the common ones are in docs/errors.md). */
public final class InventoryErrorCode {

    public static final ErrorCode TICKET_TYPE_EXISTS =
            new ErrorCode("TICKET_TYPE_EXISTS", HttpStatus.CONFLICT, "A ticket type with this code exists");
    public static final ErrorCode TICKET_TYPE_NOT_FOUND =
            new ErrorCode("TICKET_TYPE_NOT_FOUND", HttpStatus.NOT_FOUND, "No such ticket type");
    public static final ErrorCode SESSION_EXISTS =
            new ErrorCode("SESSION_EXISTS", HttpStatus.CONFLICT, "A session starting at this time exists on this date");
    public static final ErrorCode SESSION_NOT_FOUND =
            new ErrorCode("SESSION_NOT_FOUND", HttpStatus.NOT_FOUND, "No such session");

    public static final ErrorCode SESSION_CLOSED =
            new ErrorCode("SESSION_CLOSED", HttpStatus.CONFLICT, "The museum is closed on this date");
    public static final ErrorCode SOLD_OUT = new ErrorCode("SOLD_OUT", HttpStatus.CONFLICT, "Not enough places left");
    public static final ErrorCode DAILY_LIMIT_REACHED =
            new ErrorCode("DAILY_LIMIT_REACHED", HttpStatus.CONFLICT, "An ID number already holds a ticket that day");
    public static final ErrorCode HOLD_NOT_FOUND =
            new ErrorCode("HOLD_NOT_FOUND", HttpStatus.NOT_FOUND, "No such hold");
    public static final ErrorCode HOLD_IN_PROGRESS =
            new ErrorCode("HOLD_IN_PROGRESS", HttpStatus.CONFLICT, "The same hold is being taken right now");

    public static final ErrorCode HOLD_RELEASED =
            new ErrorCode("HOLD_RELEASED", HttpStatus.CONFLICT, "The hold was released; its places are for sale again");

    public static final ErrorCode HOLD_SOLD =
            new ErrorCode("HOLD_SOLD", HttpStatus.CONFLICT, "The hold is sold; only a release gives its places back");

    public static final ErrorCode CAPACITY_BELOW_TAKEN = new ErrorCode(
            "CAPACITY_BELOW_TAKEN", HttpStatus.CONFLICT, "More places are already sold or held than this capacity");

    private InventoryErrorCode() {}
}
