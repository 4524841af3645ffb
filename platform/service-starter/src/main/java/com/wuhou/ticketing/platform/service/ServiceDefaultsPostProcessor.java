package com.wuhou.ticketing.platform.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares (data source, Redis, Nacos, Seata, actuator, logging) as
 * the lowest-precedence property source, so each service's own {@code application.yml} stays a few
 * lines and any of it can still be overridden by the service, the environment or the profile.
 */
public class ServiceDefaultsPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "ticketing-service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<PropertySource<?>> sources = load();
        // Profile documents come first in the file order; add them so that they beat the base document.
        for (PropertySource<?> source : sources) {
            String profile = (String) source.getProperty("spring.config.activate.on-profile");
            if (profile == null || environment.acceptsProfiles(Profiles.of(profile))) {
                environment.getPropertySources().addLast(source);
            }
        }
        environment.getPropertySources().addLast(new MapPropertySource("ticketing-seata-group", derived(environment)));
    }

    /** Settings derived from others: each service is its own Seata group, mapped to the one coordinator cluster. */
    private static Map<String, Object> derived(ConfigurableEnvironment environment) {
        String name = environment.getProperty("spring.application.name", "ticketing-service");
        String group = name + "-tx-group";
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("seata.application-id", name);
        properties.put("seata.tx-service-group", group);
        properties.put("seata.service.vgroup-mapping." + group, "default");
        // Redisson sends AUTH even for an empty password, which a Redis without one refuses.
        String redisPassword = environment.getProperty("REDIS_PASSWORD");
        if (redisPassword != null && !redisPassword.isBlank()) {
            properties.put("spring.data.redis.password", redisPassword);
        }
        return properties;
    }

    private static List<PropertySource<?>> load() {
        try {
            List<PropertySource<?>> documents =
                    new YamlPropertySourceLoader().load(DEFAULTS, new ClassPathResource(DEFAULTS));
            // Later documents (profile-specific) must win: reverse so they are added first.
            List<PropertySource<?>> reversed = new ArrayList<>(documents);
            Collections.reverse(reversed);
            return reversed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, e);
        }
    }

    @Override
    public int getOrder() {
        // After Boot has loaded application.yml and the active profiles.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
