package com.wuhou.ticketing.inventory.calendar;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Row of {@code calendar_day}. */
@TableName("calendar_day")
class CalendarDayDO {

    @TableId(type = IdType.INPUT)
    LocalDate visitDate;

    Boolean isOpen;
    Integer dailyCapacity;
    LocalDateTime updatedAt;
}
