package com.wuhou.ticketing.order;

import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
@EnableFeignClients
@EnableScheduling
class OrderConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
