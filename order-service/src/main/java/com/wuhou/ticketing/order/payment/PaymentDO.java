package com.wuhou.ticketing.order.payment;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code payment}: one attempt to pay an order. */
@TableName("payment")
public class PaymentDO {

    @TableId(type = IdType.INPUT)
    public String paymentId;

    public String orderNo;
    public String method;
    public Long amountFen;
    public PaymentStatus status;
    public String providerTxn;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
