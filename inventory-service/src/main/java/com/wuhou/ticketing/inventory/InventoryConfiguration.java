package com.wuhou.ticketing.inventory;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    /** Storage times are UTC; museum-local dates and times are kept as such (Asia/Shanghai). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
