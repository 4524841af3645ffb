package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A change of a service's settings must roll its pods; an unchanged render must not. */
class ConfigChecksumTests {

    private static final Path DEV = HelmCharts.SCENARIOS.resolve("dev-single-zone-values.yaml");

    @Test
    void shouldChangeChecksumWhenConfigMapChanges() {
        Manifests before = Manifests.parse(HelmCharts.render(DEV, Map.of("global.nacos.namespace", "blue")));
        Manifests after = Manifests.parse(HelmCharts.render(DEV, Map.of("global.nacos.namespace", "green")));

        assertThat(configData(after, "order-service")).containsEntry("NACOS_NAMESPACE", "green");
        assertThat(configData(before, "order-service")).containsEntry("NACOS_NAMESPACE", "blue");
        Map<String, String> sumsBefore = checksums(before);
        Map<String, String> sumsAfter = checksums(after);
        assertThat(sumsAfter.keySet()).hasSize(7).isEqualTo(sumsBefore.keySet());
        sumsAfter.forEach((deployment, sum) ->
                assertThat(sum).as("checksum/config of %s", deployment).isNotEqualTo(sumsBefore.get(deployment)));
    }

    @Test
    void shouldChangeOnlyThatServiceChecksumWhenOneServiceEnvChanges() {
        Manifests before = Manifests.parse(HelmCharts.render(DEV, Map.of()));
        Manifests after = Manifests.parse(HelmCharts.render(DEV, Map.of("report-service.env.REPORT_TIMEZONE", "UTC")));

        Map<String, String> sumsBefore = checksums(before);
        sumsBefore.forEach((deployment, sum) -> {
            if (deployment.endsWith("report-service")) {
                assertThat(checksums(after).get(deployment)).isNotEqualTo(sum);
            } else {
                assertThat(checksums(after).get(deployment))
                        .as("checksum/config of %s", deployment)
                        .isEqualTo(sum);
            }
        });
    }

    private static Map<String, String> checksums(Manifests manifests) {
        return manifests.deployments().stream()
                .collect(Collectors.toMap(
                        deployment -> deployment.getMetadata().getName(), ConfigChecksumTests::checksum));
    }

    private static String checksum(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    static Map<String, String> configData(Manifests manifests, String service) {
        return manifests.ofType(ConfigMap.class).stream()
                .filter(config -> config.getMetadata().getName().endsWith(service))
                .findFirst()
                .orElseThrow()
                .getData();
    }
}
