package com.wuhou.ticketing.order.inventory;

import com.wuhou.ticketing.inventory.api.HoldErrors;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import java.util.Map;

/**
 * inventory-service answered that it will not do what was asked (a 4xx problem: sold out, limit
 * reached, type off sale, no such session, …). Unlike a timeout or a 5xx, asking again would get the
 * same answer, so callers decide on it: the buyer is told, a late payment is refunded.
 */
public class InventoryRefusal extends ApiException {

    InventoryRefusal(ErrorCode errorCode, String detail) {
        super(errorCode, detail);
    }

    InventoryRefusal(ErrorCode errorCode, String detail, Map<String, Object> properties) {
        super(errorCode, detail, properties);
    }

    /** Sold out holds for now: places come back when orders expire or are refunded, so a retry asks again. */
    @Override
    public boolean momentary() {
        return isSoldOut();
    }

    public boolean isSoldOut() {
        return errorCode().code().equals(HoldErrors.SOLD_OUT);
    }
}
