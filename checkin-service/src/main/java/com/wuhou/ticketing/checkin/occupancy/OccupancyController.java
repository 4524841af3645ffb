package com.wuhou.ticketing.checkin.occupancy;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /checkin/v1/occupancy}: live headcount of the site and per area. */
@RestController
class OccupancyController {

    private final Headcount headcount;

    OccupancyController(Headcount headcount) {
        this.headcount = headcount;
    }

    @GetMapping("/checkin/v1/occupancy")
    Occupancy occupancy() {
        return headcount.now();
    }
}
