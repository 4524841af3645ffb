package com.wuhou.ticketing.inventory.hold;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The MySQL side of holds: appended rows, state changes per hold, and what is live on a date. */
@Component
class Ledger {

    private final HoldUnitMapper mapper;
    private final Clock clock;

    Ledger(HoldUnitMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    void append(List<HoldUnitDO> units) {
        LocalDateTime now = LocalDateTime.now(clock);
        for (HoldUnitDO unit : units) {
            unit.createdAt = now;
            unit.updatedAt = now;
            mapper.insert(unit);
        }
    }

    @Transactional
    void delete(String holdRef) {
        mapper.delete(new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef));
    }

    /**
     * Moves the hold's places that are in one of the {@code from} states to {@code to}: all of them,
     * or those of the given ID hashes. Returns how many moved.
     */
    @Transactional
    int move(String holdRef, List<String> idHashes, String to, String... from) {
        UpdateWrapper<HoldUnitDO> update = new UpdateWrapper<HoldUnitDO>()
                .eq("hold_ref", holdRef)
                .in("state", (Object[]) from)
                .set("state", to)
                .set("updated_at", LocalDateTime.now(clock));
        if (!idHashes.isEmpty()) {
            update.in("id_hash", idHashes);
        }
        return mapper.update(null, update);
    }

    List<HoldUnitDO> units(String holdRef) {
        return mapper.selectList(
                new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef).orderByAsc("id"));
    }

    /** Held and sold places of a date, in insertion order. */
    List<HoldUnitDO> live(LocalDate date) {
        return mapper.selectList(new QueryWrapper<HoldUnitDO>()
                .eq("visit_date", date)
                .in("state", HoldUnitDO.HELD, HoldUnitDO.SOLD)
                .orderByAsc("id"));
    }
}
