package com.wuhou.ticketing.platform.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Points a {@link RealInfrastructure} test's context at the shared servers, with its own schema. */
public class RealInfrastructureCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return AnnotatedElementUtils.hasAnnotation(testClass, RealInfrastructure.class)
                ? new Customizer(testClass)
                : null;
    }

    /** Equal only for the same test class, so each class gets its own context and schema. */
    static final class Customizer implements ContextCustomizer {

        private static final AtomicInteger SEQUENCE = new AtomicInteger();
        // Redis has 16 databases; classes beyond that share, which is fine for a sequential suite.
        private static final int REDIS_DATABASES = 16;

        private final Class<?> testClass;

        Customizer(Class<?> testClass) {
            this.testClass = testClass;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            SharedInfrastructure infra = SharedInfrastructure.get();
            int n = SEQUENCE.incrementAndGet();
            String schema = ("t" + n + "_" + testClass.getSimpleName()).toLowerCase(Locale.ROOT);
            if (schema.length() > 64) {
                schema = schema.substring(0, 64);
            }
            Map<String, Object> properties = new HashMap<>();
            properties.put("ticketing.service.schema", schema);
            properties.put("spring.datasource.url", infra.jdbcUrl(schema));
            properties.put("spring.datasource.username", infra.mysqlUser());
            properties.put("spring.datasource.password", infra.mysqlPassword());
            properties.put("spring.data.redis.host", infra.redisHost());
            properties.put("spring.data.redis.port", infra.redisPort());
            properties.put("spring.data.redis.database", n % REDIS_DATABASES);
            properties.put("spring.cloud.nacos.discovery.enabled", false);
            properties.put("spring.cloud.service-registry.auto-registration.enabled", false);
            properties.put("seata.enabled", false);
            // Services verify operator tokens themselves: tests sign theirs with TestOperators' key.
            properties.put("ticketing.access.operator-token-public-key", TestOperators.publicKey());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("real-infrastructure", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer that && that.testClass == testClass;
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass);
        }
    }
}
