package com.wuhou.ticketing.order.orders;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The visitor's order API (API.md, "Visitors"): every call but creation needs the order token.
 * Creation and cancellation are booking's, payments payment's, refunds refund's.
 */
@RestController
public class OrderController {

    public static final String TOKEN = "X-Order-Token";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/api/v1/orders/{orderNo}")
    OrderView find(@PathVariable String orderNo, @RequestHeader(TOKEN) String token) {
        return orders.find(orderNo, token);
    }
}
