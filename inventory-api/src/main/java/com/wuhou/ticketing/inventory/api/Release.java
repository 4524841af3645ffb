package com.wuhou.ticketing.inventory.api;

import java.util.List;

/**
 * Body of {@code POST /internal/v1/holds/{holdRef}/release}: which places go back on sale.
 *
 * @param idHashes the places (by their visitor's hash) to release; empty or absent releases the whole
 *     hold
 * @param sessionId the hold's session, when known: lets inventory give back an admission whose ledger
 *     rows were rolled back with the caller's failed global transaction
 */
public record Release(List<String> idHashes, Long sessionId) {

    public static Release all() {
        return new Release(List.of(), null);
    }

    public static Release of(List<String> idHashes) {
        return new Release(idHashes, null);
    }

    /**
     * An admission that never reached the ledger (or whose rows were rolled back): given back only if
     * the hold has no ledger rows, so a retry that has written the same hold meanwhile keeps it.
     */
    public static Release abandoned(long sessionId) {
        return new Release(List.of(), sessionId);
    }

    public boolean isWhole() {
        return idHashes == null || idHashes.isEmpty();
    }
}
