package com.wuhou.ticketing.order.payment;

import java.util.Map;

/**
 * A payment provider (WeChat Pay, Alipay, UnionPay, the sandbox). Calls reach the outside world, so
 * they are never made inside a database or global transaction.
 */
public interface PaymentProvider {

    /** The {@code method} buyers name, for example {@code SANDBOX}. */
    String method();

    /**
     * Starts collecting {@code amountFen}; the provider later posts a signed notice to the platform.
     *
     * @param options provider-specific settings from the buyer's request (the sandbox takes test
     *     directives); an unusable option is an {@link IllegalArgumentException}
     */
    void create(String paymentId, long amountFen, Map<String, Object> options);

    /** What the provider knows of a payment now. */
    ProviderStatus status(String paymentId);

    /**
     * Closes an unpaid payment so it can no longer succeed. Answers the payment's final state: {@code
     * CLOSED}, or {@code SUCCEEDED} when the payer was faster.
     */
    ProviderStatus close(String paymentId);

    /** Pays back part or all of a succeeded payment; repeating a refund id changes nothing. */
    void refund(String paymentId, String refundId, long amountFen);

    /** A provider's view of a payment. */
    enum ProviderStatus {
        PROCESSING,
        SUCCEEDED,
        FAILED,
        CLOSED
    }
}
