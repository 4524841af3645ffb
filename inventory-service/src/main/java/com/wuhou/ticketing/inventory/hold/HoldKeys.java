package com.wuhou.ticketing.inventory.hold;

import java.time.LocalDate;
import java.util.List;

/**
 * The Redis keys of one visiting date. The {@code {date}} hash tag keeps them in one cluster slot, so
 * one script can check and take every layer atomically.
 */
record HoldKeys(LocalDate date) {

    /** The field of the day's cap and of the places taken that day, beside the session fields. */
    static final String DAY_FIELD = "day";

    /** Capacities: field {@link #DAY_FIELD} and one field per session ({@link #sessionField}). */
    String cap() {
        return prefix() + "cap";
    }

    /** Places taken (held or sold), with the same fields as {@link #cap()}. */
    String used() {
        return prefix() + "used";
    }

    /** ID hash → hold ref: the per-ID daily limit. */
    String ids() {
        return prefix() + "ids";
    }

    /** Hold ref → "session field|admitted at ms|id,id,…": what each admitted hold took. */
    String refs() {
        return prefix() + "refs";
    }

    /**
     * "hold ref|ID hash" → the last reconcile run begun when the gate gave that place back: runs begun
     * before it may have read the ledger before the release (reconcile.lua).
     */
    String given() {
        return prefix() + "given";
    }

    /** Reconcile runs of the date: {@code epoch}, {@code begun} and {@code applied} (reconcile.lua). */
    String runs() {
        return prefix() + "runs";
    }

    /** The keys of admit.lua. */
    List<String> admission() {
        return List.of(cap(), used(), ids(), refs());
    }

    static String sessionField(long sessionId) {
        return "s:" + sessionId;
    }

    private String prefix() {
        return "inv:{" + date + "}:";
    }
}
