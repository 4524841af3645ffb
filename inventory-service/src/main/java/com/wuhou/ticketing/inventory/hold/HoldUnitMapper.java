package com.wuhou.ticketing.inventory.hold;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface HoldUnitMapper extends BaseMapper<HoldUnitDO> {}
