package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code payment}: one attempt to pay an order. */
@TableName("payment")
public class PaymentDO {

    static final String PENDING = "PENDING";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String CLOSED = "CLOSED";
    static final String REFUNDED = "REFUNDED";
    /** Decided to be paid back (recorded before the provider is asked): never honoured again. */
    static final String REFUNDING = "REFUNDING";

    @TableId(type = IdType.INPUT)
    public String paymentId;

    public String orderNo;
    public String method;
    public Long amountFen;
    public String status;
    public String providerTxn;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
