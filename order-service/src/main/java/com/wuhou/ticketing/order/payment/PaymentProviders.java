package com.wuhou.ticketing.order.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The providers this deployment offers, by method name. */
@Component
public class PaymentProviders {

    private final Map<String, PaymentProvider> byMethod;

    PaymentProviders(List<PaymentProvider> providers) {
        this.byMethod = providers.stream().collect(Collectors.toMap(PaymentProvider::method, Function.identity()));
    }

    public Optional<PaymentProvider> find(String method) {
        return Optional.ofNullable(byMethod.get(method));
    }

    /** The provider of a recorded payment (its method was offered when the payment started). */
    public PaymentProvider of(String method) {
        return find(method)
                .orElseThrow(() -> new IllegalStateException("payment method " + method + " is not offered"));
    }
}
