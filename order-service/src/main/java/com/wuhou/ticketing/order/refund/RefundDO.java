package com.wuhou.ticketing.order.refund;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code refund}: tickets refunded together; PENDING until the provider has paid the money back. */
@TableName("refund")
public class RefundDO {

    @TableId(type = IdType.INPUT)
    public String refundId;

    public String orderNo;
    public String paymentId;
    public String ticketIds;
    public Long amountFen;
    public RefundStatus status;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
