package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What production across three zones needs on top of the checks every scenario passes. */
class ProdThreeZoneScenarioTests {

    private static final Path PROD = HelmCharts.SCENARIOS.resolve("prod-three-zone-values.yaml");

    private static Manifests prod;

    @BeforeAll
    static void render() {
        prod = Manifests.parse(HelmCharts.render(PROD));
    }

    @Test
    void shouldInstallEveryServiceWhenProd() {
        assertThat(prod.deployments())
                .map(deployment -> deployment.getMetadata().getLabels().get("app.kubernetes.io/name"))
                .containsExactlyInAnyOrderElementsOf(HelmCharts.services())
                .hasSize(7);
    }

    @Test
    void shouldRunAtLeastTwoReplicasWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            Optional<HorizontalPodAutoscaler> hpa = autoscalerOf(deployment);
            assertThat(hpa)
                    .as("HorizontalPodAutoscaler of %s", Manifests.name(deployment))
                    .isPresent();
            assertThat(hpa.get().getSpec().getMinReplicas())
                    .as("HPA minReplicas of %s", Manifests.name(deployment))
                    .isGreaterThanOrEqualTo(2);
            assertThat(hpa.get().getSpec().getMaxReplicas())
                    .isGreaterThanOrEqualTo(hpa.get().getSpec().getMinReplicas());
            Integer replicas = deployment.getSpec().getReplicas();
            assertThat(replicas == null || replicas >= 2)
                    .as("replicas of %s: %s (absent = left to the HPA)", Manifests.name(deployment), replicas)
                    .isTrue();
        }
    }

    @Test
    void shouldSpreadStrictlyOverZonesWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .as("zone spread of %s", Manifests.name(deployment))
                    .filteredOn(constraint -> "topology.kubernetes.io/zone".equals(constraint.getTopologyKey()))
                    .singleElement()
                    .satisfies(constraint -> {
                        assertThat(constraint.getMaxSkew()).isEqualTo(1);
                        assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                    });
        }
    }

    @Test
    void shouldKeepPodsAvailableDuringDisruptionsWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            assertThat(prod.ofType(PodDisruptionBudget.class))
                    .filteredOn(pdb -> Manifests.selects(
                            pdb.getSpec().getSelector(), ScenarioManifestsTests.podLabels(deployment)))
                    .as("PodDisruptionBudget of %s", Manifests.name(deployment))
                    .singleElement()
                    .satisfies(pdb -> {
                        assertThat(pdb.getSpec().getMinAvailable()).isNotNull();
                        assertThat(pdb.getSpec().getMinAvailable().getIntVal())
                                .isNotNull()
                                .isGreaterThanOrEqualTo(1);
                    });
        }
    }

    @Test
    void shouldScrapeEveryServiceOnItsActuatorPortWhenProd() {
        List<Integer> openToPrometheus = ClusterManifestsTests.portsOpenTo("monitoring");
        for (Deployment deployment : prod.deployments()) {
            int actuator = ScenarioManifestsTests.actuatorPort(prod, deployment);
            List<Service> services = ScenarioManifestsTests.servicesOf(prod, deployment);
            List<ServiceMonitor> monitors = prod.ofType(ServiceMonitor.class).stream()
                    .filter(monitor -> services.stream()
                            .anyMatch(service -> Manifests.selects(
                                    monitor.getSpec().getSelector(),
                                    service.getMetadata().getLabels())))
                    .toList();
            assertThat(monitors)
                    .as("ServiceMonitor of %s", Manifests.name(deployment))
                    .hasSize(1);
            ServiceMonitor.Endpoint endpoint =
                    monitors.get(0).getSpec().getEndpoints().get(0);

            // Prometheus keeps only the endpoints of the named port, on every Service the monitor selects.
            List<Integer> scraped = services.stream()
                    .flatMap(service -> service.getSpec().getPorts().stream())
                    .filter(port -> endpoint.getPort().equals(port.getName()))
                    .map(port -> ScenarioManifestsTests.containerPort(deployment, port.getTargetPort()))
                    .toList();
            assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
            assertThat(scraped)
                    .as("ports scraped on %s", Manifests.name(deployment))
                    .containsOnly(actuator);
            assertThat(openToPrometheus)
                    .as("k8s/ lets Prometheus in on %s's actuator port", Manifests.name(deployment))
                    .contains(actuator);
        }
    }

    @Test
    void shouldRouteOnlyTheGatewaysApiPortThroughTheIngressWhenProd() {
        Deployment gateway = prod.deployments().stream()
                .filter(deployment -> deployment.getMetadata().getName().endsWith("gateway-service"))
                .findFirst()
                .orElseThrow();
        int api = Integer.parseInt(
                ConfigChecksumTests.configData(prod, "gateway-service").get("SERVER_PORT"));
        int actuator = ScenarioManifestsTests.actuatorPort(prod, gateway);

        assertThat(actuator).as("the gateway's actuator has a port of its own").isNotEqualTo(api);
        List<HTTPIngressPath> paths = prod.ofType(Ingress.class).stream()
                .flatMap(ingress -> ingress.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .toList();
        assertThat(paths).isNotEmpty();
        for (HTTPIngressPath path : paths) {
            IngressServiceBackend backend = path.getBackend().getService();
            Service service = ScenarioManifestsTests.servicesOf(prod, gateway).stream()
                    .filter(candidate -> candidate.getMetadata().getName().equals(backend.getName()))
                    .findFirst()
                    .orElseThrow();
            List<Integer> routed = service.getSpec().getPorts().stream()
                    .filter(port -> port.getName().equals(backend.getPort().getName())
                            || port.getPort().equals(backend.getPort().getNumber()))
                    .map(port -> ScenarioManifestsTests.containerPort(gateway, port.getTargetPort()))
                    .toList();
            assertThat(routed)
                    .as("container ports behind Ingress path %s", path.getPath())
                    .containsExactly(api);
        }
    }

    @Test
    void shouldLimitEachVisitorBehindTheIngressWhenProd() {
        assertThat(prod.ofType(Ingress.class)).isNotEmpty();
        // One bucket per visitor, not one per ingress pod: the gateway reads the address ingress-nginx appended.
        assertThat(ConfigChecksumTests.configData(prod, "gateway-service"))
                .containsEntry("GATEWAY_TRUSTED_PROXIES", "1");
    }

    @Test
    void shouldRefuseTheIngressWhenTheGatewayTrustsNoProxy() {
        assertThatThrownBy(() -> HelmCharts.render(PROD, Map.of("gateway-service.trustedProxies", 0)))
                .hasMessageContaining("gateway-service.trustedProxies must be at least 1");
    }

    @Test
    void shouldReadDatabasePasswordsFromExistingSecretsWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            if (deployment.getMetadata().getName().endsWith("gateway-service")) {
                continue;
            }
            assertThat(ScenarioManifestsTests.containers(deployment).get(0).getEnv())
                    .as("MYSQL_PASSWORD of %s", Manifests.name(deployment))
                    .filteredOn(var -> var.getName().equals("MYSQL_PASSWORD"))
                    .singleElement()
                    .extracting(EnvVar::getValueFrom)
                    .satisfies(source ->
                            assertThat(source.getSecretKeyRef().getName()).isEqualTo("ticketing-mysql"));
        }
    }

    @Test
    void shouldNotOfferTheSandboxPaymentProviderWhenProd() {
        ConfigMap orderConfig = prod.ofType(ConfigMap.class).stream()
                .filter(config -> config.getMetadata().getName().endsWith("order-service"))
                .findFirst()
                .orElseThrow();

        assertThat(orderConfig.getData()).containsEntry("PAYMENT_SANDBOX_ENABLED", "false");
    }

    @Test
    void shouldGiveTheSigningKeyOnlyToTheGatewayAndCheckinServiceWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            List<String> secretEnv = envFromSecret(deployment, "ticketing-signing-keys");
            String name = deployment.getMetadata().getName();
            if (name.endsWith("gateway-service") || name.endsWith("checkin-service")) {
                assertThat(secretEnv).as(name).containsExactly("SIGNING_KEY_ENCRYPTION_KEY");
            } else {
                assertThat(secretEnv).as(name).isEmpty();
            }
        }
    }

    @Test
    void shouldGiveOrderKeysToOrderServiceAndOnlyTheVerifyingHalfToCheckinWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            List<String> secretEnv = envFromSecret(deployment, "ticketing-order-keys");
            if (deployment.getMetadata().getName().endsWith("order-service")) {
                assertThat(secretEnv)
                        .containsExactlyInAnyOrder(
                                "VISITOR_HASH_KEY",
                                "ORDER_TOKEN_KEY",
                                "TICKET_SIGNING_PRIVATE_KEY",
                                "TICKET_SIGNING_PUBLIC_KEY",
                                "SANDBOX_PAYMENT_SECRET");
            } else if (deployment.getMetadata().getName().endsWith("checkin-service")) {
                // Gates verify tickets and hash ID numbers; they never sign.
                assertThat(secretEnv).containsExactlyInAnyOrder("VISITOR_HASH_KEY", "TICKET_SIGNING_PUBLIC_KEY");
            } else {
                assertThat(secretEnv).isEmpty();
            }
        }
    }

    @Test
    void shouldGiveTheOrderTokenKeyToOrderServiceAloneWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            List<EnvVar> orderTokenKey = ScenarioManifestsTests.containers(deployment).get(0).getEnv().stream()
                    .filter(var -> var.getName().equals("ORDER_TOKEN_KEY"))
                    .toList();
            String name = deployment.getMetadata().getName();
            if (name.endsWith("order-service")) {
                // Its own key of the order keys Secret: never the visitor key that gates hold too.
                assertThat(orderTokenKey)
                        .singleElement()
                        .satisfies(var -> assertThat(
                                        var.getValueFrom().getSecretKeyRef().getKey())
                                .isEqualTo("order-token-key"));
            } else {
                assertThat(orderTokenKey).as("ORDER_TOKEN_KEY of %s", name).isEmpty();
            }
        }
    }

    @Test
    void shouldGiveSigningKeyOnlyToOrderServiceAndVerifyingKeyToEveryServiceWhenProd() {
        for (Deployment deployment : prod.deployments()) {
            List<String> secretEnv = ScenarioManifestsTests.containers(deployment).get(0).getEnv().stream()
                    .filter(var -> var.getValueFrom() != null
                            && var.getValueFrom().getSecretKeyRef() != null
                            && "ticketing-operator-auth"
                                    .equals(var.getValueFrom().getSecretKeyRef().getName()))
                    .map(EnvVar::getName)
                    .toList();
            String name = deployment.getMetadata().getName();
            // Every service checks operator tokens itself (defence in depth); only order-service signs.
            if (name.endsWith("order-service")) {
                assertThat(secretEnv)
                        .containsExactlyInAnyOrder(
                                "OPERATOR_TOKEN_PRIVATE_KEY",
                                "OPERATOR_TOKEN_PUBLIC_KEY",
                                "BOOTSTRAP_OPERATOR_USERNAME",
                                "BOOTSTRAP_OPERATOR_PASSWORD");
            } else {
                assertThat(secretEnv).as("operator secrets of %s", name).containsExactly("OPERATOR_TOKEN_PUBLIC_KEY");
            }
        }
    }

    private static Optional<HorizontalPodAutoscaler> autoscalerOf(Deployment deployment) {
        return prod.ofType(HorizontalPodAutoscaler.class).stream()
                .filter(hpa ->
                        "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind()))
                .filter(hpa -> deployment
                        .getMetadata()
                        .getName()
                        .equals(hpa.getSpec().getScaleTargetRef().getName()))
                .findFirst();
    }

    /** Names of the deployment's environment variables taken from {@code secret}. */
    private static List<String> envFromSecret(Deployment deployment, String secret) {
        return ScenarioManifestsTests.containers(deployment).get(0).getEnv().stream()
                .filter(var -> var.getValueFrom() != null
                        && var.getValueFrom().getSecretKeyRef() != null
                        && secret.equals(var.getValueFrom().getSecretKeyRef().getName()))
                .map(EnvVar::getName)
                .toList();
    }
}
