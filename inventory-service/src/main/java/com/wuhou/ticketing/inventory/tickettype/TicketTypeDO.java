package com.wuhou.ticketing.inventory.tickettype;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code ticket_type}. */
@TableName("ticket_type")
class TicketTypeDO {

    @TableId(type = IdType.INPUT)
    String code;

    String name;
    Long priceFen;
    Boolean realNameRequired;
    Boolean active;
    Integer entriesPerDay;
    LocalDateTime createdAt;
    LocalDateTime updatedAt;

    TicketType toView() {
        return new TicketType(code, name, priceFen, realNameRequired, active, entriesPerDay);
    }
}
