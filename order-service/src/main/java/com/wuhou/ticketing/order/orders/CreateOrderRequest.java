package com.wuhou.ticketing.order.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/orders}: tickets for named visitors in one session.
 *
 * @param sessionId the time slot
 * @param contactPhone where the museum reaches the buyer (mainland mobile, or + and country code)
 * @param visitors one ticket each; the maximum per order is configured
 */
public record CreateOrderRequest(
        @NotNull Long sessionId,

        @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE)
        String contactPhone,

        @NotEmpty List<@Valid @NotNull Visitor> visitors) {

    /** A mainland mobile number, or + and a country code. */
    static final String PHONE = "1\\d{10}|\\+\\d{6,19}";

    static final String PHONE_MESSAGE = "must be a mobile number (or + country code)";

    /** The documents a visitor may name (IdDocument.Type). */
    static final String ID_TYPE = "ID_CARD|PASSPORT";

    static final String ID_TYPE_MESSAGE = "must be ID_CARD or PASSPORT";

    /**
     * A named visitor.
     *
     * @param idType {@code ID_CARD} (mainland resident ID) or {@code PASSPORT}
     */
    public record Visitor(
            @NotBlank @Size(max = 32) String name,

            @NotNull @Pattern(regexp = ID_TYPE, message = ID_TYPE_MESSAGE)
            String idType,

            @NotBlank @Size(max = 32) String idNo,
            @NotBlank @Size(max = 32) String ticketType) {}
}
