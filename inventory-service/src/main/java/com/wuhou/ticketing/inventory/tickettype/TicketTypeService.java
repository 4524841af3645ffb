package com.wuhou.ticketing.inventory.tickettype;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.platform.audit.AuditTrail;
import com.wuhou.ticketing.platform.problem.ApiException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ticket types and prices. */
@Service
public class TicketTypeService {

    private final TicketTypeMapper mapper;
    private final Clock clock;
    private final AuditTrail audit;

    TicketTypeService(TicketTypeMapper mapper, Clock clock, AuditTrail audit) {
        this.mapper = mapper;
        this.clock = clock;
        this.audit = audit;
    }

    public List<TicketType> all() {
        return mapper.selectList(new QueryWrapper<TicketTypeDO>().orderByAsc("code")).stream()
                .map(TicketTypeDO::toView)
                .toList();
    }

    public List<TicketType> onSale() {
        return all().stream().filter(TicketType::active).toList();
    }

    @Transactional
    public TicketType create(TicketType type) {
        TicketTypeDO row = new TicketTypeDO();
        row.code = type.code();
        row.createdAt = LocalDateTime.now(clock);
        copy(type, row);
        try {
            mapper.insert(row);
        } catch (DuplicateKeyException e) {
            throw new ApiException(
                    InventoryErrorCode.TICKET_TYPE_EXISTS, "Ticket type " + type.code() + " exists already");
        }
        audit.record("ticket-type.create", "ticket-type/" + row.code, null, row.toView());
        return row.toView();
    }

    /** Changes name, price or status of an existing type; the code in the path is the identity. */
    @Transactional
    public TicketType update(String code, TicketType type) {
        TicketTypeDO row = mapper.selectById(code);
        if (row == null) {
            throw new ApiException(InventoryErrorCode.TICKET_TYPE_NOT_FOUND, "No ticket type " + code);
        }
        TicketType before = row.toView();
        copy(type, row);
        mapper.updateById(row);
        audit.record("ticket-type.change", "ticket-type/" + code, before, row.toView());
        return row.toView();
    }

    private void copy(TicketType type, TicketTypeDO row) {
        row.name = type.name();
        row.priceFen = type.priceFen();
        row.realNameRequired = type.realNameRequired();
        row.active = type.active();
        row.entriesPerDay = type.entriesPerDay();
        row.updatedAt = LocalDateTime.now(clock);
    }
}
