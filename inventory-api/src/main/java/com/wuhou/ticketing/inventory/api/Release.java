package com.wuhou.ticketing.inventory.api;

import java.util.List;

/**
 * Body of {@code POST /internal/v1/holds/{holdRef}/release}: which places go back on sale.
 *
 * @param idHashes the places (by their visitor's hash) to release; empty or absent releases the whole
 *     hold
 * @param sessionId the hold's session, when known: lets inventory give back an admission whose ledger
 *     rows were rolled back with the caller's failed global transaction
 * @param ledgerOnly move the ledger rows only, and leave the admission gate (Redis) counting the
 *     places: for a caller inside a global transaction, which sends the same release again without
 *     this flag once the transaction has committed. Redis is not rolled back with a global
 *     transaction, so giving places back there before the commit could sell them twice.
 */
public record Release(List<String> idHashes, Long sessionId, boolean ledgerOnly) {

    public static Release all() {
        return new Release(List.of(), null, false);
    }

    public static Release of(List<String> idHashes) {
        return new Release(idHashes, null, false);
    }

    /**
     * An admission that never reached the ledger (or whose rows were rolled back): given back only if
     * the hold has no ledger rows, so a retry that has written the same hold meanwhile keeps it.
     */
    public static Release abandoned(long sessionId) {
        return new Release(List.of(), sessionId, false);
    }

    /** This release for the ledger only; see {@link #ledgerOnly()}. */
    public Release inLedgerOnly() {
        return new Release(idHashes, sessionId, true);
    }

    public boolean isWhole() {
        return idHashes == null || idHashes.isEmpty();
    }
}
