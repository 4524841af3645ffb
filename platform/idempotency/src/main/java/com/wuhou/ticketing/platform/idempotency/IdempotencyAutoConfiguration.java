package com.wuhou.ticketing.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Provides {@link IdempotentRequests} wherever a {@link JdbcTemplate} is, and the cleanup of expired
 * records. Scheduling is switched on for that cleanup; a service's own {@code @EnableScheduling} is
 * harmless next to it.
 */
// Before task scheduling, so that Boot's configured scheduler runs the cleanup.
@AutoConfiguration(
        after = {JdbcTemplateAutoConfiguration.class, JacksonAutoConfiguration.class},
        before = TaskSchedulingAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(JdbcTemplate.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
@EnableScheduling
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyRecords idempotencyRecords(JdbcTemplate jdbc) {
        return new IdempotencyRecords(jdbc);
    }

    @Bean
    IdempotentRequests idempotentRequests(
            IdempotencyRecords records,
            ObjectProvider<ObjectMapper> objectMapper,
            IdempotencyProperties properties,
            ObjectProvider<Clock> clock) {
        // The mapper that writes the service's answers, so that stored answers are written the same way.
        return new IdempotentRequests(
                records,
                objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()),
                properties,
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    IdempotencyRecordCleanup idempotencyRecordCleanup(
            IdempotencyRecords records, IdempotencyProperties properties, ObjectProvider<Clock> clock) {
        return new IdempotencyRecordCleanup(records, properties, clock.getIfUnique(Clock::systemUTC));
    }
}
