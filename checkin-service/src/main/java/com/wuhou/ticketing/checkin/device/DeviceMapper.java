package com.wuhou.ticketing.checkin.device;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface DeviceMapper extends BaseMapper<DeviceDO> {}
