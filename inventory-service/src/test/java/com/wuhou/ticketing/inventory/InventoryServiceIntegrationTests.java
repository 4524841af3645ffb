package com.wuhou.ticketing.inventory;

import com.wuhou.ticketing.platform.testsupport.ServiceContractTests;

/** Boots inventory-service against real MySQL 8.0 and Redis and checks what every service must offer. */
class InventoryServiceIntegrationTests extends ServiceContractTests {

    InventoryServiceIntegrationTests() {
        super("inventory-service", "inventory_db");
    }
}
