package com.wuhou.ticketing.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** The {@code outbox.pending} gauge, where Micrometer is present and this instance relays. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(OutboxRelay.class)
public class OutboxMetricsAutoConfiguration {

    // A binder rather than a registry dependency: Boot binds it to whichever registry the service has.
    @Bean
    MeterBinder outboxPendingGauge(OutboxRelay relay) {
        return registry -> Gauge.builder("outbox.pending", relay, OutboxRelay::pendingCount)
                .description("Outbox events not yet relayed to Redis")
                .tag("stream", relay.stream())
                .register(registry);
    }
}
