package com.wuhou.ticketing.order;

import com.wuhou.ticketing.platform.testsupport.ServiceContractTests;

/** Boots order-service against real MySQL 8.0 and Redis and checks what every service must offer. */
class OrderServiceIntegrationTests extends ServiceContractTests {

    OrderServiceIntegrationTests() {
        super("order-service", "order_db");
    }
}
