package com.wuhou.ticketing.inventory.api;

import java.util.List;

/**
 * Body of {@code POST} {@link HoldPaths#RELEASE} and {@link HoldPaths#LEDGER_RELEASE}: which places of
 * a hold go back on sale.
 *
 * @param idHashes the places (by their visitor's hash) to release; empty or absent releases the whole
 *     hold
 */
public record Release(List<String> idHashes) {

    public static Release all() {
        return new Release(List.of());
    }

    public static Release of(List<String> idHashes) {
        return new Release(idHashes);
    }

    public boolean isWhole() {
        return idHashes == null || idHashes.isEmpty();
    }
}
