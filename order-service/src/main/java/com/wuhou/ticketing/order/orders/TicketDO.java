package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.wuhou.ticketing.order.api.IdDocument;
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
    /** The document hashed with the visit day's key, for offline gates ({@link IdDocument#dayKey}). */
    public String dayHash;
    /** Entries a day the ticket allows (its type's rule when it was sold). */
    public Integer entries;

    public TicketStatus status;
    public String credential;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;

    /** The visitor's document while the order is being made (never stored: only its hashes are). */
    @TableField(exist = false)
    public IdDocument document;
}
