package com.wuhou.ticketing.channel;

import com.wuhou.ticketing.platform.testsupport.ServiceContractTests;

/** Boots channel-service against real MySQL 8.0 and Redis and checks what every service must offer. */
class ChannelServiceIntegrationTests extends ServiceContractTests {

    ChannelServiceIntegrationTests() {
        super("channel-service", "channel_db");
    }
}
