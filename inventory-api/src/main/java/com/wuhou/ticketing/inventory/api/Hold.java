package com.wuhou.ticketing.inventory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Places held in one session for one order (or channel booking): the request of {@code POST
 * /internal/v1/holds} and every answer about a hold.
 *
 * @param holdRef the caller's reference; holding again with the same one changes nothing
 * @param sessionId the time slot
 * @param units one place per visitor
 * @param state {@code HELD}, {@code SOLD} or {@code RELEASED} (answers only; a partly released hold
 *     is in the state of its places still taken)
 * @param slot the session's date and times (answers only)
 * @param expiresAt when inventory gives the places back by itself unless the hold was confirmed
 *     (sold) or released first; at most {@code ticketing.inventory.hold-lifetime-max} ahead, and
 *     {@code hold-lifetime-default} from now when absent. A hold needs no global transaction: its
 *     taker writes its own side afterwards, and a crash in between leaves places held only until this
 *     instant (docs/adr/0012)
 */
public record Hold(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{4,64}") String holdRef,
        @NotNull Long sessionId,
        @NotEmpty @Size(max = 20) List<@Valid Unit> units,
        String state,
        Slot slot,
        Instant expiresAt) {

    public static final String HELD = "HELD";
    public static final String SOLD = "SOLD";
    public static final String RELEASED = "RELEASED";

    /** A request: the places to hold, until {@code expiresAt} unless confirmed. */
    public static Hold request(String holdRef, long sessionId, List<Unit> units, Instant expiresAt) {
        return new Hold(holdRef, sessionId, units, null, null, expiresAt);
    }

    /**
     * One place.
     *
     * @param ticketType code of an active ticket type
     * @param idHash keyed hash (hex HMAC-SHA-256) of the visitor's document: the limit is one place per
     *     document per day, and the number itself never reaches inventory
     * @param priceFen the type's price when the place was taken (answers only)
     * @param entriesPerDay how many times a day the type let its tickets enter when the place was taken
     *     (answers only)
     * @param state the place's own state (answers only)
     */
    public record Unit(
            @NotNull String ticketType,
            @NotNull @Pattern(regexp = "[0-9a-f]{64}") String idHash,
            Integer priceFen,
            Integer entriesPerDay,
            String state) {

        public static Unit of(String ticketType, String idHash) {
            return new Unit(ticketType, idHash, null, null, null);
        }
    }

    /** When the held places may be used: the museum-local date and entry times of the session. */
    public record Slot(LocalDate date, LocalTime startTime, LocalTime endTime) {}
}
