package com.wuhou.ticketing.decision;

import com.wuhou.ticketing.platform.testsupport.ServiceContractTests;

/** Boots mobile-decision-service against real MySQL 8.0 and Redis and checks what every service must offer. */
class MobileDecisionServiceIntegrationTests extends ServiceContractTests {

    MobileDecisionServiceIntegrationTests() {
        super("mobile-decision-service", "decision_db");
    }
}
