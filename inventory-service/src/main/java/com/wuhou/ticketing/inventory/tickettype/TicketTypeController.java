package com.wuhou.ticketing.inventory.tickettype;

import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators manage ticket types; visitors list the ones on sale. */
@RestController
class TicketTypeController {

    private final TicketTypeService service;

    TicketTypeController(TicketTypeService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/ticket-types")
    List<TicketType> onSale() {
        return service.onSale();
    }

    @GetMapping("/admin/v1/ticket-types")
    List<TicketType> all() {
        return service.all();
    }

    @PostMapping("/admin/v1/ticket-types")
    ResponseEntity<TicketType> create(@Valid @RequestBody TicketType type) {
        TicketType created = service.create(type);
        return ResponseEntity.created(URI.create("/admin/v1/ticket-types/" + created.code()))
                .body(created);
    }

    @PutMapping("/admin/v1/ticket-types/{code}")
    TicketType update(@PathVariable String code, @Valid @RequestBody TicketType type) {
        if (!code.equals(type.code())) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED, "The code in the body must match the path (" + code + ")");
        }
        return service.update(code, type);
    }
}
