package com.wuhou.ticketing.inventory.api;

/**
 * The paths of inventory's hold API (under {@code /internal/}: the gateway routes no public path
 * there). Answers with problem documents whose codes are listed in {@link HoldErrors}.
 */
public final class HoldPaths {

    /** {@code POST} a {@link Hold} request: {@code 201} with the hold. */
    public static final String HOLDS = "/internal/v1/holds";

    /** {@code GET}: the hold. */
    public static final String HOLD = HOLDS + "/{holdRef}";

    /** {@code POST}: paid, {@code HELD} places become {@code SOLD}. */
    public static final String CONFIRMATION = HOLD + "/confirmation";

    /** {@code POST} a {@link Release}: places back on sale. */
    public static final String RELEASE = HOLD + "/release";

    private HoldPaths() {}
}
