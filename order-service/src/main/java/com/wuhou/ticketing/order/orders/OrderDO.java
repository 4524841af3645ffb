package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Row of {@code ticket_order}. */
@TableName("ticket_order")
public class OrderDO {

    @TableId(type = IdType.INPUT)
    public String orderNo;

    public String channel;
    public Long sessionId;
    public LocalDate visitDate;
    public LocalTime startTime;
    public LocalTime endTime;
    public String contactPhone;
    public OrderStatus status;
    public Long totalFen;
    public LocalDateTime payDeadline;
    public String tokenHash;
    public String holdRef;
    public String paymentId;
    public LocalDateTime paidAt;
    /** Failed attempts to expire the order (ExpiryJob). */
    public Integer expiryAttempts;
    /** When a failed expiry is tried again; null until an attempt failed. */
    public LocalDateTime expiryRetryAt;

    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
