package com.wuhou.ticketing.inventory.hold;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Row of {@code hold_unit}: one held or sold place. */
@TableName("hold_unit")
class HoldUnitDO {

    static final String HELD = "HELD";
    static final String SOLD = "SOLD";
    static final String RELEASED = "RELEASED";

    @TableId(type = IdType.AUTO)
    Long id;

    String holdRef;
    Long sessionId;
    LocalDate visitDate;
    String ticketType;
    Long priceFen;
    Integer entriesPerDay;
    String idHash;
    String state;
    /** UTC; a HELD place past it is given back by {@link HoldExpiry}. */
    LocalDateTime expiresAt;

    LocalDateTime createdAt;
    LocalDateTime updatedAt;
}
