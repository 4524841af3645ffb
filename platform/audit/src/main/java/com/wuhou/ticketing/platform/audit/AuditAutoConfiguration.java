package com.wuhou.ticketing.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Provides {@link AuditTrail} and, in a servlet application, its read endpoint. */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, JacksonAutoConfiguration.class})
@ConditionalOnBean(JdbcTemplate.class)
public class AuditAutoConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, ObjectProvider<ObjectMapper> objectMapper, ObjectProvider<Clock> clock) {
        return new AuditTrail(
                jdbc,
                objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }
}
