package com.wuhou.ticketing.order.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;

/**
 * What a provider tells the platform about a payment (the sandbox's notice body; real providers'
 * notices are translated into it).
 *
 * @param status {@code SUCCEEDED} or {@code FAILED}
 */
public record PaymentNotice(
        @NotBlank String paymentId,
        @NotBlank String providerTxnId,
        @NotBlank String status,
        @NotNull @PositiveOrZero Long amountFen,
        Instant occurredAt) {}
