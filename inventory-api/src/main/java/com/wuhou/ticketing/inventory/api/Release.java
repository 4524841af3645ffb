package com.wuhou.ticketing.inventory.api;

import java.util.List;

/**
 * Body of {@code POST} {@link HoldPaths#RELEASE} and {@link HoldPaths#LEDGER_RELEASE}: which places of
 * a hold go back on sale.
 *
 * @param idHashes the places (by their visitor's hash) to release; empty or absent releases the whole
 *     hold. inventory refuses a body with any other member ({@code 422}): the {@code ledgerOnly} flag
 *     of the earlier contract, sent by an older caller during a rolling deploy, must fail rather than
 *     release the admission gate inside a global transaction (docs/adr/0012)
 */
public record Release(List<String> idHashes) {

    public static Release all() {
        return new Release(List.of());
    }

    public static Release of(List<String> idHashes) {
        return new Release(idHashes);
    }

    /** Whether the whole hold is released (not a bean getter: it must not be sent as a member). */
    public boolean wholeHold() {
        return idHashes == null || idHashes.isEmpty();
    }
}
