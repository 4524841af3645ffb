package com.wuhou.ticketing.gateway.ratelimit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many gateway instances share the cluster-wide rate limits: the instances of this service that
 * discovery (Nacos) lists, refreshed every few seconds, at least one. Each instance enforces
 * {@code limit / instances}, so the cluster as a whole allows about the configured limit per client.
 */
@Component
class GatewayShare {

    private static final Logger log = LoggerFactory.getLogger(GatewayShare.class);

    private final ReactiveDiscoveryClient discovery;
    private final String serviceId;
    private volatile int instances = 1;

    GatewayShare(ReactiveDiscoveryClient discovery, @Value("${spring.application.name}") String serviceId) {
        this.discovery = discovery;
        this.serviceId = serviceId;
    }

    int instances() {
        return instances;
    }

    @Scheduled(initialDelay = 0, fixedDelay = 5_000)
    void refresh() {
        try {
            Long listed = discovery.getInstances(serviceId).count().block(Duration.ofSeconds(2));
            int now = listed == null || listed < 1 ? 1 : listed.intValue();
            if (now != instances) {
                log.info("Rate limits shared by {} gateway instance(s)", now);
                instances = now;
            }
        } catch (RuntimeException e) {
            // Keep the last count: discovery being away does not change how many instances there are.
            log.debug("Gateway instances not counted now: {}", e.toString());
        }
    }
}
