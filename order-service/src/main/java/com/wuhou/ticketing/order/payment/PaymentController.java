package com.wuhou.ticketing.order.payment;

import static com.wuhou.ticketing.order.orders.OrderController.IDEMPOTENCY_KEY;
import static com.wuhou.ticketing.order.orders.OrderController.TOKEN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.order.payment.sandbox.SandboxPaymentProvider;
import com.wuhou.ticketing.platform.idempotency.IdempotentRequests;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Starting a payment of an unpaid order, and the providers' notices of its outcome. */
@RestController
class PaymentController {

    private final Orders orders;
    private final Payments payments;
    private final Settlement settlement;
    private final IdempotentRequests idempotent;
    private final ObjectProvider<SandboxPaymentProvider> sandbox;
    private final ObjectMapper json;
    private final Validator validator;

    PaymentController(
            Orders orders,
            Payments payments,
            Settlement settlement,
            IdempotentRequests idempotent,
            ObjectProvider<SandboxPaymentProvider> sandbox,
            ObjectMapper json,
            Validator validator) {
        this.orders = orders;
        this.payments = payments;
        this.settlement = settlement;
        this.idempotent = idempotent;
        this.sandbox = sandbox;
        this.json = json;
        this.validator = validator;
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
