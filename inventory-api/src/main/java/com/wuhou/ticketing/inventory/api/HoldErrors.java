package com.wuhou.ticketing.inventory.api;

/** The {@code code} members of the problems the hold API answers with (documented in docs/errors.md). */
public final class HoldErrors {

    /** 409: not enough places left in the session or the day. */
    public static final String SOLD_OUT = "SOLD_OUT";

    /** 409: a visitor's document already holds a place that day. */
    public static final String DAILY_LIMIT_REACHED = "DAILY_LIMIT_REACHED";

    /** 404: no such session. */
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";

    /** 409: the museum is closed that day. */
    public static final String SESSION_CLOSED = "SESSION_CLOSED";

    /** 404: no such hold. */
    public static final String HOLD_NOT_FOUND = "HOLD_NOT_FOUND";

    /** 409: the same hold is being taken right now; ask again shortly. */
    public static final String HOLD_IN_PROGRESS = "HOLD_IN_PROGRESS";

    /** 409: the hold was released, its places are on sale again. */
    public static final String HOLD_RELEASED = "HOLD_RELEASED";

    /** 409: an abandonment of a hold whose places are sold (only a release gives them back). */
    public static final String HOLD_SOLD = "HOLD_SOLD";

    private HoldErrors() {}
}
