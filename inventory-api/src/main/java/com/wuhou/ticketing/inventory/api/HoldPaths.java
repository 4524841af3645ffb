package com.wuhou.ticketing.inventory.api;

/**
 * The paths of inventory's hold API (under {@code /internal/}: the gateway routes no public path
 * there), one per command. Answers with problem documents whose codes are listed in {@link HoldErrors}.
 */
public final class HoldPaths {

    /** {@code POST} a {@link Hold} request: {@code 201} with the hold, held until its expiry. */
    public static final String HOLDS = "/internal/v1/holds";

    /** {@code GET}: the hold. */
    public static final String HOLD = HOLDS + "/{holdRef}";

    /** {@code POST}: paid, {@code HELD} places become {@code SOLD} ({@code 409 HOLD_RELEASED} if none is left). */
    public static final String CONFIRMATION = HOLD + "/confirmation";

    /** {@code POST} a {@link Release}: places back on sale, in the ledger and at the admission gate. */
    public static final String RELEASE = HOLD + "/release";

    /**
     * {@code POST} a {@link Release} from inside a global transaction: the ledger rows move, the
     * admission gate (Redis, which Seata cannot roll back) keeps counting the places. The caller posts
     * the same {@link Release} to {@link #RELEASE} once its transaction has committed; if that never
     * comes, the reconciler drops a fully released hold's admission after its grace period.
     */
    public static final String LEDGER_RELEASE = HOLD + "/ledger-release";

    /** {@code POST} an {@link Abandonment}: a hold its taker made nothing of is forgotten. */
    public static final String ABANDONMENT = HOLD + "/abandonment";

    private HoldPaths() {}
}
