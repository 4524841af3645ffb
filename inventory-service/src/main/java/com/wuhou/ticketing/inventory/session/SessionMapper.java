package com.wuhou.ticketing.inventory.session;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface SessionMapper extends BaseMapper<SessionDO> {}
