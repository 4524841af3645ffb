package com.wuhou.ticketing.order;

import java.time.ZoneId;

/** Facts about the museum that orders depend on. */
public final class Museum {

    /** Visiting dates, session times and "today" are in the museum's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Museum() {}
}
