package com.wuhou.ticketing.platform.service;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ticketing.service}.
 *
 * @param schema the MySQL schema this service owns (no other service reads it)
 * @param servedByHeader whether answers name the service in {@code X-Served-By} (local and test only)
 */
@ConfigurationProperties(prefix = "ticketing.service")
public record ServiceProperties(String schema, boolean servedByHeader) {}
