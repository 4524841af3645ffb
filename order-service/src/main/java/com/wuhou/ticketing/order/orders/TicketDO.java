package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code order_ticket}: one visitor's ticket. */
@TableName("order_ticket")
public class TicketDO {

    @TableId(type = IdType.INPUT)
    public String ticketId;

    public String orderNo;
    public String ticketType;
    public Long priceFen;
    public String visitorName;
    public String idType;
    public String idMasked;
    public String idHash;
    public String status;
    public String credential;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
