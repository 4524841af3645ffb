package com.wuhou.ticketing.order.operator;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface OperatorAccountMapper extends BaseMapper<OperatorAccountDO> {}
