package com.wuhou.ticketing.order.api;

import java.time.ZoneId;

/** Facts about the museum that sales and gates depend on. */
public final class Museum {

    /** Visiting dates, session times and "today" are in the museum's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Museum() {}
}
