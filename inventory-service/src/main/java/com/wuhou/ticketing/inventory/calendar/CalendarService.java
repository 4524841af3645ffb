package com.wuhou.ticketing.inventory.calendar;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.wuhou.ticketing.inventory.CapacityChanged;
import com.wuhou.ticketing.platform.audit.AuditTrail;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The opening calendar: open or closed days and their daily caps. */
@Service
public class CalendarService {

    private final CalendarDayMapper mapper;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    CalendarService(CalendarDayMapper mapper, Clock clock, ApplicationEventPublisher events, AuditTrail audit) {
        this.mapper = mapper;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /** The day as configured; an unconfigured day is closed. */
    public CalendarDay day(LocalDate date) {
        return view(date, mapper.selectById(date));
    }

    /**
     * The day, with a shared lock kept until the caller's transaction ends (on the row, or on the gap
     * where an unconfigured day's row would go): a change waits for that transaction to end, and this
     * read waits for a change to commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CalendarDay dayForShare(LocalDate date) {
        return view(date, mapper.selectOne(onDate(date).last("FOR SHARE")));
    }

    /**
     * Stores a day's settings. The row is locked first, until the caller's transaction ends: callers
     * set the cap at the admission gate before they commit, and a reconcile run cannot come in between.
     */
    @Transactional
    public CalendarDay set(LocalDate date, boolean open, int dailyCapacity) {
        CalendarDayDO row = mapper.selectOne(onDate(date).last("FOR UPDATE"));
        boolean isNew = row == null;
        CalendarDay before = isNew ? null : new CalendarDay(date, row.isOpen, row.dailyCapacity);
        if (isNew) {
            row = new CalendarDayDO();
            row.visitDate = date;
        }
        row.isOpen = open;
        row.dailyCapacity = dailyCapacity;
        row.updatedAt = LocalDateTime.now(clock);
        if (isNew) {
            mapper.insert(row);
        } else {
            mapper.updateById(row);
        }
        CalendarDay after = new CalendarDay(date, open, dailyCapacity);
        audit.record("calendar.day.set", "calendar/" + date, before, after);
        events.publishEvent(new CapacityChanged(date));
        return after;
    }

    private static QueryWrapper<CalendarDayDO> onDate(LocalDate date) {
        return new QueryWrapper<CalendarDayDO>().eq("visit_date", date);
    }

    private static CalendarDay view(LocalDate date, CalendarDayDO row) {
        return row == null ? CalendarDay.closed(date) : new CalendarDay(date, row.isOpen, row.dailyCapacity);
    }
}
