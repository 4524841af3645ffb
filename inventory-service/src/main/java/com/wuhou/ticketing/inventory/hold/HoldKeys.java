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

    List<String> all() {
        return List.of(cap(), used(), ids(), refs());
    }

    static String sessionField(long sessionId) {
        return "s:" + sessionId;
    }

    private String prefix() {
        return "inv:{" + date + "}:";
    }
}
