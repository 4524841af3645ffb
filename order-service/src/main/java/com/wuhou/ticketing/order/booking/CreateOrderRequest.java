package com.wuhou.ticketing.order.booking;

import static com.wuhou.ticketing.order.orders.OrderFields.ID_TYPE;
import static com.wuhou.ticketing.order.orders.OrderFields.ID_TYPE_MESSAGE;
import static com.wuhou.ticketing.order.orders.OrderFields.PHONE;
import static com.wuhou.ticketing.order.orders.OrderFields.PHONE_MESSAGE;

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
