package com.wuhou.ticketing.order.payment;

import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import jakarta.validation.constraints.NotBlank;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Starting payments of unpaid orders. */
@Service
public class Payments {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Orders orders;
    private final PaymentRecords payments;
    private final PaymentProviders providers;
    private final Clock clock;

    Payments(Orders orders, PaymentRecords payments, PaymentProviders providers, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.providers = providers;
        this.clock = clock;
    }

    /**
     * {@code POST /api/v1/orders/{orderNo}/payments}.
     *
     * @param method the provider, for example {@code SANDBOX} (outside production)
     * @param sandbox test directives for the sandbox provider (see SandboxPaymentProvider)
     */
    public record PayRequest(@NotBlank String method, Map<String, Object> sandbox) {}

    /** A started payment: the provider confirms it later with a notice. */
    public record PaymentView(String paymentId, String status, String method, long amountFen) {}

    public PaymentView start(String orderNo, String token, PayRequest request) {
        OrderDO order = orders.authorized(orderNo, token);
        LocalDateTime now = LocalDateTime.now(clock);
        if (order.status != OrderStatus.PENDING_PAYMENT) {
            throw new ApiException(
                    order.paymentId != null ? OrderErrorCode.ORDER_ALREADY_PAID : OrderErrorCode.ORDER_NOT_PAYABLE,
                    "Order " + orderNo + " is " + order.status);
        }
        if (now.isAfter(order.payDeadline)) {
            throw new ApiException(OrderErrorCode.ORDER_EXPIRED, "Order " + orderNo + " was not paid in time");
        }
        PaymentProvider provider = providers
                .find(request.method())
                .orElseThrow(() -> invalid("method", "payment method " + request.method() + " is not offered"));
        PaymentDO payment = new PaymentDO();
        payment.paymentId = "PM" + HexFormat.of().formatHex(random());
        payment.orderNo = orderNo;
        payment.method = provider.method();
        payment.amountFen = order.totalFen;
        payment.status = PaymentStatus.PENDING;
        payment.createdAt = now;
        payment.updatedAt = now;
        payments.insert(payment);
        try {
            provider.create(payment.paymentId, payment.amountFen, request.sandbox());
        } catch (RuntimeException e) {
            // Not started at the provider: a row left PENDING would be asked about at every expiry.
            payments.delete(payment.paymentId);
            throw e instanceof IllegalArgumentException ? invalid("sandbox", e.getMessage()) : e;
        }
        return new PaymentView(payment.paymentId, payment.status.name(), payment.method, payment.amountFen);
    }

    /** The provider a payment was made with (a refund pays back through it). */
    public PaymentProvider providerOf(String paymentId) {
        return providers.of(payments.find(paymentId).method);
    }

    private static byte[] random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(
                CommonErrorCode.VALIDATION_FAILED,
                message,
                Map.of(Problems.ERRORS, List.of(new Problems.FieldError(field, message))));
    }
}
