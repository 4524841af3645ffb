package com.wuhou.ticketing.order.inventory;

import feign.RetryableException;
import feign.Retryer;
import java.net.ConnectException;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings of the inventory client only (not a component: Spring Cloud OpenFeign applies it to
 * that client's own context).
 */
class InventoryClientConfiguration {

    @Bean
    Retryer connectFailureRetryer() {
        return new ConnectFailureRetryer();
    }

    /**
     * Tries another instance when one refused the connection (it died or is restarting): the request
     * never reached it, so sending it elsewhere cannot do anything twice. Timeouts are not retried: the
     * first request may still be running.
     */
    static final class ConnectFailureRetryer implements Retryer {

        private static final int ATTEMPTS = 3;

        private int attempt = 1;

        @Override
        public void continueOrPropagate(RetryableException e) {
            if (attempt++ >= ATTEMPTS || !(e.getCause() instanceof ConnectException)) {
                throw e;
            }
        }

        @Override
        public Retryer clone() {
            return new ConnectFailureRetryer();
        }
    }
}
