package com.wuhou.ticketing.checkin.pass;

import com.wuhou.ticketing.checkin.api.Passes;
import com.wuhou.ticketing.order.api.OrderEvents;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** order-service tells the gates about payments and refunds at once ({@link Passes}; internal paths). */
@RestController
class PassController {

    private final TicketPasses passes;
    private final PassVoids voids;
    private final TransactionTemplate transactions;

    PassController(TicketPasses passes, PassVoids voids, TransactionTemplate transactions) {
        this.passes = passes;
        this.voids = voids;
        this.transactions = transactions;
    }

    @PostMapping(Passes.PASSES)
    ResponseEntity<Void> paid(@RequestBody OrderEvents.OrderPaid paid) {
        transactions.executeWithoutResult(tx -> passes.paid(paid));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(Passes.VOIDS)
    ResponseEntity<Void> voided(@RequestBody Passes.VoidRequest request) {
        voids.voidFor(request);
        return ResponseEntity.noContent().build();
    }
}
