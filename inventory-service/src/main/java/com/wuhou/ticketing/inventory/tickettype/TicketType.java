package com.wuhou.ticketing.inventory.tickettype;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A ticket type and its price, as operators send it and visitors see it.
 *
 * @param code stable upper-case code, e.g. {@code ADULT}
 * @param priceFen price in fen (1/100 yuan)
 * @param realNameRequired whether each ticket must name a visitor with an ID number
 * @param active whether it is on sale
 * @param entriesPerDay how many times a day one ticket may enter (1 when not given; a garden pass
 *     might allow more)
 */
public record TicketType(
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,31}", message = "must be 2-32 upper-case letters, digits or _")
        String code,

        @NotBlank @Size(max = 64) String name,
        @NotNull @PositiveOrZero @Max(10_000_000) Long priceFen,
        @NotNull Boolean realNameRequired,
        @NotNull Boolean active,
        @Min(1) @Max(10) Integer entriesPerDay) {

    public TicketType {
        entriesPerDay = entriesPerDay == null ? 1 : entriesPerDay;
    }
}
