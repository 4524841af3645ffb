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

    /** All places of a hold, in one multi-row insert. */
    void append(List<HoldUnitDO> units) {
        LocalDateTime now = LocalDateTime.now(clock);
        for (HoldUnitDO unit : units) {
            unit.createdAt = now;
            unit.updatedAt = now;
        }
        mapper.insertAll(units);
    }

    /** Deletes the hold's places still held; returns how many. */
    int deleteHeld(String holdRef) {
        return mapper.delete(
                new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef).eq("state", HoldUnitDO.HELD));
    }

    /**
     * Deletes the places still held of a hold that has none sold, under a locking read (a confirmation
     * of the same hold waits, then finds nothing to sell). Returns how many, or -1 if one is sold.
     */
    @Transactional
    int deleteHeldUnlessSold(String holdRef) {
        List<HoldUnitDO> rows = mapper.selectList(
                new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef).last("FOR UPDATE"));
        if (rows.stream().anyMatch(u -> HoldUnitDO.SOLD.equals(u.state))) {
            return -1;
        }
        return rows.stream().anyMatch(u -> HoldUnitDO.HELD.equals(u.state)) ? deleteHeld(holdRef) : 0;
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

    /** Holds with places still held past their expiry, soonest expired first. */
    List<String> expiredHolds(LocalDateTime now, int limit) {
        return mapper
                .selectList(new QueryWrapper<HoldUnitDO>()
                        .select("DISTINCT hold_ref")
                        .eq("state", HoldUnitDO.HELD)
                        .lt("expires_at", now)
                        .last("LIMIT " + limit))
                .stream()
                .map(u -> u.holdRef)
                .toList();
    }

    /**
     * Releases the hold's places still held past their expiry and answers them. The locking read
     * serializes with a confirmation of the same places: each place is either sold or expired.
     */
    @Transactional
    List<HoldUnitDO> expire(String holdRef, LocalDateTime now) {
        List<HoldUnitDO> due = mapper.selectList(new QueryWrapper<HoldUnitDO>()
                .eq("hold_ref", holdRef)
                .eq("state", HoldUnitDO.HELD)
                .lt("expires_at", now)
                .last("FOR UPDATE"));
        if (!due.isEmpty()) {
            mapper.update(
                    null,
                    new UpdateWrapper<HoldUnitDO>()
                            .in("id", due.stream().map(u -> u.id).toList())
                            .set("state", HoldUnitDO.RELEASED)
                            .set("updated_at", LocalDateTime.now(clock)));
        }
        return due;
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
