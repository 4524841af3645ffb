package com.wuhou.ticketing.report;

import com.wuhou.ticketing.platform.testsupport.ServiceContractTests;

/** Boots report-service against real MySQL 8.0 and Redis and checks what every service must offer. */
class ReportServiceIntegrationTests extends ServiceContractTests {

    ReportServiceIntegrationTests() {
        super("report-service", "report_db");
    }
}
