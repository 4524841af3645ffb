package com.wuhou.ticketing.platform.service;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Shared web behaviour of business services. */
@AutoConfiguration
@EnableConfigurationProperties(ServiceProperties.class)
public class ServiceAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "seata.enabled", havingValue = "true", matchIfMissing = true)
    static UndoLogTableInitializer undoLogTableInitializer() {
        return new UndoLogTableInitializer();
    }

    @Bean
    @ConditionalOnProperty(name = "ticketing.service.served-by-header", havingValue = "true")
    FilterRegistrationBean<ServedByFilter> servedByFilter(@Value("${spring.application.name}") String name) {
        FilterRegistrationBean<ServedByFilter> registration = new FilterRegistrationBean<>(new ServedByFilter(name));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
