package com.wuhou.ticketing.inventory.hold;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface HoldUnitMapper extends BaseMapper<HoldUnitDO> {

    /** A hold's places in one statement (one round trip and one commit, however many visitors). */
    @Insert("""
            <script>
            INSERT INTO hold_unit (hold_ref, session_id, visit_date, ticket_type, price_fen, entries_per_day,
                id_hash, state, expires_at, created_at, updated_at) VALUES
            <foreach collection="units" item="u" separator=",">
            (#{u.holdRef}, #{u.sessionId}, #{u.visitDate}, #{u.ticketType}, #{u.priceFen}, #{u.entriesPerDay},
             #{u.idHash}, #{u.state}, #{u.expiresAt}, #{u.createdAt}, #{u.updatedAt})
            </foreach>
            </script>
            """)
    int insertAll(@Param("units") List<HoldUnitDO> units);
}
