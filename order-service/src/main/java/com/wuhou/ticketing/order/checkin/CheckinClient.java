package com.wuhou.ticketing.order.checkin;

import com.wuhou.ticketing.checkin.api.Passes;
import com.wuhou.ticketing.order.api.OrderEvents;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** checkin-service's pass API, found through Nacos; problems come back as RemoteProblemException. */
@FeignClient(name = "checkin-service", contextId = "passes")
interface CheckinClient {

    @PostMapping(Passes.PASSES)
    void paid(@RequestBody OrderEvents.OrderPaid paid);

    @PostMapping(Passes.VOIDS)
    void voidFor(@RequestBody Passes.VoidRequest request);
}
