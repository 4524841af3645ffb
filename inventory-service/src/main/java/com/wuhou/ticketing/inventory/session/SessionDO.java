package com.wuhou.ticketing.inventory.session;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Row of {@code visit_session}. */
@TableName("visit_session")
class SessionDO {

    @TableId(type = IdType.AUTO)
    Long id;

    LocalDate visitDate;
    LocalTime startTime;
    LocalTime endTime;
    Integer capacity;
    LocalDateTime createdAt;
    LocalDateTime updatedAt;

    Session toView() {
        return new Session(id, visitDate, startTime, endTime, capacity);
    }
}
