package com.wuhou.ticketing.order.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.SoldOut;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.payment.PaymentNotice;
import com.wuhou.ticketing.order.payment.sandbox.SandboxPaymentProvider;
import com.wuhou.ticketing.platform.idempotency.IdempotentRequests;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The visitor's order API (API.md, "Visitors"): every call but creation needs the order token. */
@RestController
class OrderController {

    static final String TOKEN = "X-Order-Token";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Orders orders;
    private final Payments payments;
    private final Refunds refunds;
    private final Settlement settlement;
    private final IdempotentRequests idempotent;
    private final OrderAttempts attempts;
    private final CreateAdmission admission;
    private final ObjectProvider<SandboxPaymentProvider> sandbox;
    private final ObjectMapper json;
    private final Validator validator;

    OrderController(
            Orders orders,
            Payments payments,
            Refunds refunds,
            Settlement settlement,
            IdempotentRequests idempotent,
            OrderAttempts attempts,
            CreateAdmission admission,
            ObjectProvider<SandboxPaymentProvider> sandbox,
            ObjectMapper json,
            Validator validator) {
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
        this.idempotent = idempotent;
        this.attempts = attempts;
        this.admission = admission;
        this.sandbox = sandbox;
        this.json = json;
        this.validator = validator;
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
                    idempotent.execute("POST /api/v1/orders", key, request, reservedId -> {
                        attempts.mark(key);
                        OrderView created = orders.create(request, reservedId);
                        return ResponseEntity.status(HttpStatus.CREATED).body(created.withToken(null));
                    }));
        } catch (InventoryRefusal e) {
            if (e.isSoldOut()) {
                // Sold out made nothing to replay: no order exists under the key (Orders.create looks first)
                // and none is in flight (the key was claimed), so the gateway may refuse its retries early.
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

    @GetMapping("/api/v1/orders/{orderNo}")
    OrderView find(@PathVariable String orderNo, @RequestHeader(TOKEN) String token) {
        return orders.find(orderNo, token);
    }

    @PostMapping("/api/v1/orders/{orderNo}/payments")
    ResponseEntity<?> pay(
            @PathVariable String orderNo,
            @RequestHeader(TOKEN) String token,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @Valid @RequestBody Payments.PayRequest request) {
        orders.authorized(orderNo, token);
        return idempotent.execute(
                "POST /api/v1/orders/" + orderNo + "/payments",
                key,
                request,
                reservedId -> ResponseEntity.status(HttpStatus.CREATED).body(payments.start(orderNo, token, request)));
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

    /**
     * The sandbox provider's notices. The signature is checked on the exact bytes received, before the
     * body is read; providers retry until they get a 2xx, so a notice handled before answers 200 again.
     */
    @PostMapping("/api/v1/payment-notifications/sandbox")
    Map<String, Object> sandboxNotice(
            @RequestHeader(name = "X-Sandbox-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Sandbox-Signature", required = false) String signature,
            @RequestBody String body)
            throws IOException {
        SandboxPaymentProvider provider = sandbox.getIfAvailable();
        if (provider == null) {
            throw new ApiException(CommonErrorCode.NOT_FOUND, "The sandbox provider is not offered here");
        }
        if (!provider.signature().verify(timestamp, signature, body)) {
            throw new ApiException(OrderErrorCode.BAD_NOTICE_SIGNATURE, "The notice's signature does not verify");
        }
        PaymentNotice notice = json.readValue(body, PaymentNotice.class);
        Set<ConstraintViolation<PaymentNotice>> violations = validator.validate(notice);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        switch (notice.status()) {
            case "SUCCEEDED" ->
                settlement.noticed(provider.method(), notice.paymentId(), notice.providerTxnId(), notice.amountFen());
            case "FAILED" -> settlement.failed(notice.paymentId());
            default -> throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Unknown status " + notice.status());
        }
        return Map.of("received", true);
    }
}
