package com.wuhou.ticketing.order;

import com.wuhou.ticketing.platform.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** Codes of order-service; documented in docs/errors.md. */
public final class OrderErrorCode {

    public static final ErrorCode ORDER_NOT_FOUND =
            new ErrorCode("ORDER_NOT_FOUND", HttpStatus.NOT_FOUND, "No such order, or a wrong order token");
    public static final ErrorCode ORDER_NOT_PAYABLE =
            new ErrorCode("ORDER_NOT_PAYABLE", HttpStatus.CONFLICT, "The order is not waiting for payment");
    public static final ErrorCode ORDER_EXPIRED =
            new ErrorCode("ORDER_EXPIRED", HttpStatus.CONFLICT, "The payment deadline has passed");
    public static final ErrorCode ORDER_ALREADY_PAID =
            new ErrorCode("ORDER_ALREADY_PAID", HttpStatus.CONFLICT, "The order has been paid");
    public static final ErrorCode ORDER_NOT_CANCELLABLE =
            new ErrorCode("ORDER_NOT_CANCELLABLE", HttpStatus.CONFLICT, "Only an unpaid order can be cancelled");
    public static final ErrorCode ORDER_NOT_REFUNDABLE =
            new ErrorCode("ORDER_NOT_REFUNDABLE", HttpStatus.CONFLICT, "The order has no paid tickets to refund");
    public static final ErrorCode TICKET_NOT_REFUNDABLE =
            new ErrorCode("TICKET_NOT_REFUNDABLE", HttpStatus.CONFLICT, "A ticket cannot be refunded");
    public static final ErrorCode ORDER_CHANGED = new ErrorCode(
            "ORDER_CHANGED", HttpStatus.CONFLICT, "The order changed while this request ran; read it and try again");
    public static final ErrorCode PAYMENT_NOT_FOUND =
            new ErrorCode("PAYMENT_NOT_FOUND", HttpStatus.NOT_FOUND, "No such payment");
    public static final ErrorCode BAD_NOTICE_SIGNATURE = new ErrorCode(
            "BAD_NOTICE_SIGNATURE", HttpStatus.UNAUTHORIZED, "The payment notice is not signed by the provider");
    public static final ErrorCode FAULT_INJECTED =
            new ErrorCode("FAULT_INJECTED", HttpStatus.INTERNAL_SERVER_ERROR, "A fault was injected for a test");

    private OrderErrorCode() {}
}
