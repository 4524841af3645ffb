package com.wuhou.ticketing.order.refund;

import static com.wuhou.ticketing.order.orders.OrderController.IDEMPOTENCY_KEY;
import static com.wuhou.ticketing.order.orders.OrderController.TOKEN;

import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.platform.idempotency.IdempotentRequests;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Refunds of paid, unused tickets (idempotent by their key). */
@RestController
class RefundController {

    private final Orders orders;
    private final Refunds refunds;
    private final IdempotentRequests idempotent;

    RefundController(Orders orders, Refunds refunds, IdempotentRequests idempotent) {
        this.orders = orders;
        this.refunds = refunds;
        this.idempotent = idempotent;
    }

    @PostMapping("/api/v1/orders/{orderNo}/refunds")
    ResponseEntity<?> refund(
            @PathVariable String orderNo,
            @RequestHeader(TOKEN) String token,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @Valid @RequestBody Refunds.RefundRequest request) {
        orders.authorized(orderNo, token); // before the kept answers: they are the order's too
        return idempotent.execute(
                "POST /api/v1/orders/" + orderNo + "/refunds",
                key,
                request,
                reservedId -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(refunds.refund(orderNo, token, request, reservedId)));
    }
}
