package com.wuhou.ticketing.inventory;

import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConfigurationPropertiesScan
class InventoryConfiguration {

    /** Storage times are UTC; museum-local dates and times are kept as such (Asia/Shanghai). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
