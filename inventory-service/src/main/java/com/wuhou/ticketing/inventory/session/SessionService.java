package com.wuhou.ticketing.inventory.session;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.wuhou.ticketing.inventory.CapacityChanged;
import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.platform.audit.AuditTrail;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Timed-entry sessions (slots) per day. */
@Service
public class SessionService {

    private final SessionMapper mapper;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    SessionService(SessionMapper mapper, Clock clock, ApplicationEventPublisher events, AuditTrail audit) {
        this.mapper = mapper;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /** The day's sessions by start time. */
    public List<Session> onDate(LocalDate date) {
        return sessions(onDateQuery(date));
    }

    /**
     * The day's sessions, with shared locks kept until the caller's transaction ends: a capacity
     * change waits for that transaction to end, and this read waits for a change to commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Session> onDateForShare(LocalDate date) {
        return sessions(onDateQuery(date).last("FOR SHARE"));
    }

    private static QueryWrapper<SessionDO> onDateQuery(LocalDate date) {
        return new QueryWrapper<SessionDO>().eq("visit_date", date).orderByAsc("start_time");
    }

    private List<Session> sessions(QueryWrapper<SessionDO> query) {
        return mapper.selectList(query).stream().map(SessionDO::toView).toList();
    }

    public Optional<Session> find(long sessionId) {
        return Optional.ofNullable(mapper.selectById(sessionId)).map(SessionDO::toView);
    }

    /** Dates from {@code first} on that have sessions, in order. */
    public List<LocalDate> datesFrom(LocalDate first) {
        return mapper
                .selectList(new QueryWrapper<SessionDO>()
                        .select("DISTINCT visit_date")
                        .ge("visit_date", first)
                        .orderByAsc("visit_date"))
                .stream()
                .map(s -> s.visitDate)
                .toList();
    }

    /**
     * Stores a new capacity. The row is locked first, until the caller's transaction ends: callers set
     * the capacity at the admission gate before they commit (which refuses it below what is taken), and
     * a reconcile run reading capacities cannot come in between.
     */
    @Transactional
    public Session changeCapacity(long sessionId, int capacity) {
        SessionDO row = mapper.selectOne(
                new QueryWrapper<SessionDO>().eq("id", sessionId).last("FOR UPDATE"));
        if (row == null) {
            throw new ApiException(InventoryErrorCode.SESSION_NOT_FOUND, "No session " + sessionId);
        }
        Session before = row.toView();
        row.capacity = capacity;
        row.updatedAt = LocalDateTime.now(clock);
        mapper.updateById(row);
        audit.record("session.capacity.change", "session/" + sessionId, before, row.toView());
        events.publishEvent(new CapacityChanged(row.visitDate));
        return row.toView();
    }

    @Transactional
    public Session create(LocalDate date, LocalTime start, LocalTime end, int capacity) {
        if (!end.isAfter(start)) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "A session must end after it starts",
                    Map.of(Problems.ERRORS, List.of(new Problems.FieldError("endTime", "must be after startTime"))));
        }
        SessionDO row = new SessionDO();
        row.visitDate = date;
        row.startTime = start;
        row.endTime = end;
        row.capacity = capacity;
        row.createdAt = LocalDateTime.now(clock);
        row.updatedAt = row.createdAt;
        try {
            mapper.insert(row);
        } catch (DuplicateKeyException e) {
            throw new ApiException(
                    InventoryErrorCode.SESSION_EXISTS, "A session on " + date + " already starts at " + start);
        }
        audit.record("session.create", "session/" + row.id, null, row.toView());
        events.publishEvent(new CapacityChanged(date));
        return row.toView();
    }
}
