package com.wuhou.ticketing.order.booking;

import static com.wuhou.ticketing.order.orders.OrderController.IDEMPOTENCY_KEY;
import static com.wuhou.ticketing.order.orders.OrderController.TOKEN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.SoldOut;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.orders.OrderView;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.order.payment.Settlement;
import com.wuhou.ticketing.platform.idempotency.IdempotentRequests;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Creating an order (idempotent by its key, admitted a few at a time) and cancelling an unpaid one. */
@RestController
class BookingController {

    private final Booking booking;
    private final Orders orders;
    private final Settlement settlement;
    private final IdempotentRequests idempotent;
    private final OrderAttempts attempts;
    private final CreateAdmission admission;
    private final ObjectMapper json;
    private final FaultInjection faults;

    BookingController(
            Booking booking,
            Orders orders,
            Settlement settlement,
            IdempotentRequests idempotent,
            OrderAttempts attempts,
            CreateAdmission admission,
            ObjectMapper json,
            FaultInjection faults) {
        this.booking = booking;
        this.orders = orders;
        this.settlement = settlement;
        this.idempotent = idempotent;
        this.attempts = attempts;
        this.admission = admission;
        this.json = json;
        this.faults = faults;
    }

    @PostMapping("/api/v1/orders")
    ResponseEntity<?> create(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @Valid @RequestBody CreateOrderRequest request,
            HttpServletResponse response)
            throws IOException {
        ResponseEntity<?> answer;
        try {
            answer = admission.run(() ->
                    // The kept answer leaves the order token out (only its hash is stored); it is added on the way out.
                    idempotent.attempt("POST /api/v1/orders", key, request, attempt -> {
                        attempts.mark(key);
                        OrderView created = booking.create(
                                request,
                                attempt.reservedId(),
                                attempt.fresh(),
                                (order, tx) -> attempt.answerInTransaction(tx, kept(order)));
                        faults.at(FaultInjection.AFTER_WRITE);
                        return kept(created);
                    }));
        } catch (InventoryRefusal e) {
            if (e.isSoldOut()) {
                // Sold out made nothing to replay: no order exists under the key (a fresh key has none, a
                // take-over looks first) and none is in flight (the key was claimed), so the gateway may
                // refuse its retries early.
                attempts.forget(key);
                // Kept by the problem handler (it leaves headers in place): the gateway refuses the rest.
                response.setHeader(
                        SoldOut.HEADER,
                        SoldOut.hint(request.sessionId(), request.visitors().size()));
            }
            throw e;
        } catch (ApiException e) {
            if (e.errorCode().equals(CommonErrorCode.BUSY)) {
                response.setHeader(HttpHeaders.RETRY_AFTER, CreateAdmission.RETRY_AFTER_SECONDS);
            }
            throw e;
        }
        if (answer.getStatusCode().value() != HttpStatus.CREATED.value()) {
            return answer;
        }
        if (answer.getBody() instanceof OrderView fresh) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .headers(answer.getHeaders())
                    .body(fresh.withToken(orders.tokenOf(fresh.orderNo())));
        }
        // A replay: the kept JSON as it was, plus the token (read as a tree, so nothing is re-interpreted).
        ObjectNode kept = (ObjectNode) json.readTree((byte[]) answer.getBody());
        kept.put("orderToken", orders.reissuedToken(kept.path("orderNo").asText()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(answer.getHeaders())
                .body(kept);
    }

    private static ResponseEntity<OrderView> kept(OrderView order) {
        return ResponseEntity.status(HttpStatus.CREATED).body(order.withToken(null));
    }

    /** An unpaid order is cancelled and its places go back on sale. */
    @PostMapping("/api/v1/orders/{orderNo}/cancellation")
    OrderView cancel(@PathVariable String orderNo, @RequestHeader(TOKEN) String token) {
        OrderDO order = orders.authorized(orderNo, token);
        if (order.status != OrderStatus.PENDING_PAYMENT) {
            throw new ApiException(
                    order.paymentId != null ? OrderErrorCode.ORDER_ALREADY_PAID : OrderErrorCode.ORDER_NOT_CANCELLABLE,
                    "Order " + orderNo + " is " + order.status);
        }
        OrderStatus status = settlement.closeUnpaid(orderNo, OrderStatus.CANCELLED);
        if (status == OrderStatus.PAID) {
            throw new ApiException(
                    OrderErrorCode.ORDER_ALREADY_PAID, "A payment of order " + orderNo + " went through; it is paid");
        }
        return orders.find(orderNo, token);
    }
}
