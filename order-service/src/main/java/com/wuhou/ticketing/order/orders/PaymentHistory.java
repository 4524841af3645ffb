package com.wuhou.ticketing.order.orders;

import java.util.List;

/** The payment attempts of an order as its view shows them (kept by the payment feature). */
public interface PaymentHistory {

    List<OrderView.PaymentSummary> of(String orderNo);
}
