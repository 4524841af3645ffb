package com.wuhou.ticketing.platform.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.signedrequest.SigningKeyLookup;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Shared web behaviour of business services. */
@AutoConfiguration
@EnableConfigurationProperties({ServiceProperties.class, AccessProperties.class})
public class ServiceAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "seata.enabled", havingValue = "true", matchIfMissing = true)
    static UndoLogTableInitializer undoLogTableInitializer() {
        return new UndoLogTableInitializer();
    }

    /** After the request id (so refusals carry it), before anything that reads the request. */
    @Bean
    FilterRegistrationBean<CallerFilter> callerFilter(
            AccessProperties properties,
            ObjectProvider<SigningKeyLookup> signingKeys,
            ObjectMapper json,
            ObjectProvider<Clock> clock) {
        FilterRegistrationBean<CallerFilter> registration = new FilterRegistrationBean<>(new CallerFilter(
                properties, signingKeys.getIfAvailable(), json, clock.getIfAvailable(Clock::systemUTC)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    @ConditionalOnProperty(name = "ticketing.service.served-by-header", havingValue = "true")
    FilterRegistrationBean<ServedByFilter> servedByFilter(@Value("${spring.application.name}") String name) {
        FilterRegistrationBean<ServedByFilter> registration = new FilterRegistrationBean<>(new ServedByFilter(name));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
