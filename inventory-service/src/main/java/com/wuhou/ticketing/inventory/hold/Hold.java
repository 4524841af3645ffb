package com.wuhou.ticketing.inventory.hold;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Places held in one session for one order (or channel booking).
 *
 * @param holdRef the caller's reference; holding again with the same one changes nothing
 * @param units one place per visitor
 * @param state HELD, SOLD or RELEASED (answers only)
 */
public record Hold(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{4,64}") String holdRef,
        @NotNull Long sessionId,
        @NotEmpty @Size(max = 20) List<@Valid Unit> units,
        String state) {

    /**
     * One place.
     *
     * @param idHash hex SHA-256 of the visitor's normalised ID number (the limit is one place per
     *     ID per day; the number itself never reaches this service)
     */
    public record Unit(
            @NotNull String ticketType,
            @NotNull @Pattern(regexp = "[0-9a-f]{64}") String idHash) {}
}
