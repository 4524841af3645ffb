package com.wuhou.ticketing.inventory.tickettype;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface TicketTypeMapper extends BaseMapper<TicketTypeDO> {}
