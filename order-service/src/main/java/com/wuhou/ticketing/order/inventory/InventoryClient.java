package com.wuhou.ticketing.order.inventory;

import com.wuhou.ticketing.inventory.api.Abandonment;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.HoldPaths;
import com.wuhou.ticketing.inventory.api.Release;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** inventory-service's hold API, found through Nacos; problems come back as RemoteProblemException. */
@FeignClient(name = "inventory-service", contextId = "holds", configuration = InventoryClientConfiguration.class)
interface InventoryClient {

    @PostMapping(HoldPaths.HOLDS)
    Hold hold(@RequestBody Hold request);

    @GetMapping(HoldPaths.HOLD)
    Hold find(@PathVariable("holdRef") String holdRef);

    @PostMapping(HoldPaths.CONFIRMATION)
    Hold confirm(@PathVariable("holdRef") String holdRef);

    @PostMapping(HoldPaths.RELEASE)
    Hold release(@PathVariable("holdRef") String holdRef, @RequestBody Release release);

    @PostMapping(HoldPaths.LEDGER_RELEASE)
    Hold releaseInLedger(@PathVariable("holdRef") String holdRef, @RequestBody Release release);

    @PostMapping(HoldPaths.ABANDONMENT)
    void abandon(@PathVariable("holdRef") String holdRef, @RequestBody Abandonment abandonment);
}
