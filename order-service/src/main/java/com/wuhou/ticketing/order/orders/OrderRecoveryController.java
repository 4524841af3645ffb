package com.wuhou.ticketing.order.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/order-recoveries}: a buyer who lost an order's answer (a timeout, a closed app)
 * finds it again with a visitor's document and the contact phone, instead of being refused with
 * {@code DAILY_LIMIT_REACHED} for their own order. A POST, so the ID number is never in a URL.
 */
@RestController
public class OrderRecoveryController {

    public static final String PATH = "/api/v1/order-recoveries";

    private final OrderRecoveries recoveries;

    OrderRecoveryController(OrderRecoveries recoveries) {
        this.recoveries = recoveries;
    }

    /**
     * Who asks.
     *
     * @param idType {@code ID_CARD} or {@code PASSPORT}, as the visitor was named in the order
     * @param idNo that visitor's document number
     * @param contactPhone the order's contact phone, exactly as it was given
     */
    record RecoveryRequest(
            @NotNull @Pattern(regexp = OrderFields.ID_TYPE, message = OrderFields.ID_TYPE_MESSAGE)
            String idType,

            @NotBlank @Size(max = 32) String idNo,

            @NotBlank @Pattern(regexp = OrderFields.PHONE, message = OrderFields.PHONE_MESSAGE)
            String contactPhone) {}

    /**
     * The orders found, each with its order token; empty when document and phone do not match (the
     * same answer whichever of them is wrong).
     */
    record Recovered(List<OrderView> orders) {}

    @PostMapping(PATH)
    Recovered recover(@Valid @RequestBody RecoveryRequest request) {
        return new Recovered(recoveries.recover(request.idType(), request.idNo(), request.contactPhone()));
    }
}
