package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json of the umbrella chart refuses values that would render a broken or unsafe release. */
class ValuesSchemaTests {

    private static final Path DEV = HelmCharts.SCENARIOS.resolve("dev-single-zone-values.yaml");

    @Test
    void shouldRejectValueWhenKeyIsMisspelled() {
        assertThatThrownBy(() -> HelmCharts.render(DEV, Map.of("order-service.replicas", 2)))
                .hasMessageContaining("schema")
                .hasMessageContaining("replicas");
    }

    @Test
    void shouldRejectReplicaCountWhenBelowOne() {
        assertThatThrownBy(() -> HelmCharts.render(DEV, Map.of("order-service.replicaCount", 0)))
                .hasMessageContaining("schema")
                .hasMessageContaining("replicaCount");
    }

    @Test
    void shouldRejectSpreadPolicyWhenNotAKubernetesValue() {
        assertThatThrownBy(() -> HelmCharts.render(
                        DEV, Map.of("global.workloadDefaults.topologySpread.zone.whenUnsatisfiable", "Always")))
                .hasMessageContaining("schema")
                .hasMessageContaining("whenUnsatisfiable");
    }

    @Test
    void shouldRejectRootUserWhenRunAsUserIsZero() {
        assertThatThrownBy(
                        () -> HelmCharts.render(DEV, Map.of("global.workloadDefaults.podSecurityContext.runAsUser", 0)))
                .hasMessageContaining("schema")
                .hasMessageContaining("runAsUser");
    }

    @Test
    void shouldRejectMysqlWhenHostIsEmpty() {
        assertThatThrownBy(() -> HelmCharts.render(DEV, Map.of("global.mysql.host", "")))
                .hasMessageContaining("schema")
                .hasMessageContaining("host");
    }
}
