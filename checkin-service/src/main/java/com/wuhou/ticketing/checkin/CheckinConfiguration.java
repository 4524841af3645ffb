package com.wuhou.ticketing.checkin;

import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConfigurationPropertiesScan
class CheckinConfiguration {

    /** Storage times are UTC. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
