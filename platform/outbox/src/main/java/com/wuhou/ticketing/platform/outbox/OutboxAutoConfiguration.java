package com.wuhou.ticketing.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provides {@link Outbox} and, unless {@code ticketing.outbox.enabled=false}, the {@link OutboxRelay}
 * on its schedule. Scheduling is switched on for it; a service's own {@code @EnableScheduling} is
 * harmless next to it.
 */
// Before task scheduling, so that Boot's configured scheduler runs the relay.
@AutoConfiguration(
        after = {JdbcTemplateAutoConfiguration.class, RedisAutoConfiguration.class, JacksonAutoConfiguration.class},
        before = TaskSchedulingAutoConfiguration.class)
@ConditionalOnClass({JdbcTemplate.class, StringRedisTemplate.class})
@ConditionalOnBean({JdbcTemplate.class, StringRedisTemplate.class})
@EnableConfigurationProperties(OutboxProperties.class)
@EnableScheduling
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(JdbcTemplate jdbc, ObjectProvider<ObjectMapper> objectMapper, ObjectProvider<Clock> clock) {
        return new Outbox(
                jdbc,
                objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(prefix = "ticketing.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            StringRedisTemplate redis,
            OutboxProperties properties,
            Environment environment,
            ObjectProvider<Clock> clock) {
        // Its own local transactions on the outbox's data source, whatever else the application uses.
        TransactionTemplate transactions =
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        // READ COMMITTED: the locking read takes no gap locks, so appends never wait for a relay run
        // (under REPEATABLE READ they would, for as long as a slow XADD keeps the run open).
        transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        String stream = properties.streamFor(environment.getProperty("spring.application.name", "application"));
        return new OutboxRelay(jdbc, transactions, redis, properties, stream, clock.getIfUnique(Clock::systemUTC));
    }
}
