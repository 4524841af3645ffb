package com.wuhou.ticketing.order.operator;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code operator_account}. */
@TableName("operator_account")
class OperatorAccountDO {

    @TableId(type = IdType.INPUT)
    String username;

    String passwordHash;
    String roles;
    Boolean active;
    LocalDateTime createdAt;
    LocalDateTime updatedAt;
}
