package com.wuhou.ticketing.checkin;

import com.wuhou.ticketing.platform.testsupport.ServiceContractTests;

/** Boots checkin-service against real MySQL 8.0 and Redis and checks what every service must offer. */
class CheckinServiceIntegrationTests extends ServiceContractTests {

    CheckinServiceIntegrationTests() {
        super("checkin-service", "checkin_db");
    }
}
