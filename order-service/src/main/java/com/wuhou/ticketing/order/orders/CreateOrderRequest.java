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

        @NotBlank @Pattern(regexp = "1\\d{10}|\\+\\d{6,19}", message = "must be a mobile number (or + country code)")
        String contactPhone,

        @NotEmpty List<@Valid @NotNull Visitor> visitors) {

    /**
     * A named visitor.
     *
     * @param idType {@code ID_CARD} (mainland resident ID) or {@code PASSPORT}
     */
    public record Visitor(
            @NotBlank @Size(max = 32) String name,

            @NotNull @Pattern(regexp = "ID_CARD|PASSPORT", message = "must be ID_CARD or PASSPORT")
            String idType,

            @NotBlank @Size(max = 32) String idNo,
            @NotBlank @Size(max = 32) String ticketType) {}
}
