package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks that hold for every scenario in helm/ticketing/ci/: each is rendered, parsed and inspected. */
class ScenarioManifestsTests {

    private static final String ZONE = "topology.kubernetes.io/zone";
    private static final String GATEWAY = "gateway-service";

    static List<Path> scenarios() {
        return HelmCharts.scenarios();
    }

    private static Manifests render(Path scenario) {
        return Manifests.parse(HelmCharts.render(scenario));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldRenderOnlyKnownFieldsWhenRenderingScenario(Path scenario) {
        Manifests manifests = render(scenario);

        assertThat(manifests.deployments()).isNotEmpty();
        assertThat(manifests.all().stream().flatMap(o -> Manifests.unknownFields(o).stream()))
                .as("fields the Kubernetes model does not know (typos?)")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldSpreadEveryDeploymentOverZonesWhenRenderingScenario(Path scenario) {
        for (Deployment deployment : render(scenario).deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getTopologySpreadConstraints())
                    .as("zone spread of %s", Manifests.name(deployment))
                    .anySatisfy(constraint -> {
                        assertThat(constraint.getTopologyKey()).isEqualTo(ZONE);
                        assertThat(constraint.getMaxSkew()).isPositive();
                        assertThat(constraint.getWhenUnsatisfiable()).isIn("DoNotSchedule", "ScheduleAnyway");
                        assertThat(Manifests.selects(constraint.getLabelSelector(), podLabels(deployment)))
                                .as("the constraint counts this Deployment's pods")
                                .isTrue();
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldCoverEveryDeploymentWithPdbWhenRenderingScenario(Path scenario) {
        Manifests manifests = render(scenario);
        List<PodDisruptionBudget> budgets = manifests.ofType(PodDisruptionBudget.class);

        for (Deployment deployment : manifests.deployments()) {
            assertThat(budgets)
                    .as("PodDisruptionBudget selecting %s", Manifests.name(deployment))
                    .filteredOn(pdb -> Manifests.selects(pdb.getSpec().getSelector(), podLabels(deployment)))
                    .singleElement()
                    .satisfies(pdb -> assertThat(pdb.getSpec().getMinAvailable() != null
                                    || pdb.getSpec().getMaxUnavailable() != null)
                            .isTrue());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldProbeActuatorHealthGroupsWhenRenderingScenario(Path scenario) {
        Manifests manifests = render(scenario);
        for (Deployment deployment : manifests.deployments()) {
            int actuator = actuatorPort(manifests, deployment);
            for (Container container : containers(deployment)) {
                for (Probe probe : List.of(
                        container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                    assertThat(containerPort(deployment, probe.getHttpGet().getPort()))
                            .as("probe port of %s: where the service answers /actuator", Manifests.name(deployment))
                            .isEqualTo(actuator);
                }
                assertThat(httpGet(container.getLivenessProbe()))
                        .as("liveness probe of %s", Manifests.name(deployment))
                        .isEqualTo("/actuator/health/liveness");
                assertThat(httpGet(container.getReadinessProbe()))
                        .as("readiness probe of %s", Manifests.name(deployment))
                        .isEqualTo("/actuator/health/readiness");
                assertThat(httpGet(container.getStartupProbe()))
                        .as("startup probe of %s", Manifests.name(deployment))
                        .startsWith("/actuator/health");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldBoundEveryContainerWhenRenderingScenario(Path scenario) {
        for (Deployment deployment : render(scenario).deployments()) {
            for (Container container : containers(deployment)) {
                var resources = container.getResources();
                assertThat(resources)
                        .as("resources of %s", Manifests.name(deployment))
                        .isNotNull();
                assertThat(resources.getRequests())
                        .as("requests of %s", Manifests.name(deployment))
                        .containsKeys("cpu", "memory");
                assertThat(resources.getLimits())
                        .as("limits of %s", Manifests.name(deployment))
                        .containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldApplySecureDefaultsWhenRenderingScenario(Path scenario) {
        for (Deployment deployment : render(scenario).deployments()) {
            String name = Manifests.name(deployment);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getAutomountServiceAccountToken())
                    .as("automountServiceAccountToken of %s", name)
                    .isFalse();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity).as("pod securityContext of %s", name).isNotNull();
            assertThat(podSecurity.getRunAsNonRoot())
                    .as("runAsNonRoot of %s", name)
                    .isTrue();
            assertThat(podSecurity.getRunAsUser()).as("runAsUser of %s", name).isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            Set<String> emptyDirs = pod.getVolumes().stream()
                    .filter(volume -> volume.getEmptyDir() != null)
                    .map(volume -> volume.getName())
                    .collect(Collectors.toSet());
            for (Container container : containers(deployment)) {
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as("container securityContext of %s", name).isNotNull();
                assertThat(security.getReadOnlyRootFilesystem())
                        .as("readOnlyRootFilesystem of %s", name)
                        .isTrue();
                assertThat(security.getAllowPrivilegeEscalation())
                        .as("allowPrivilegeEscalation of %s", name)
                        .isFalse();
                assertThat(security.getCapabilities().getDrop())
                        .as("dropped capabilities of %s", name)
                        .containsExactly("ALL");
                assertThat(security.getRunAsUser())
                        .as("container runAsUser of %s", name)
                        .isNotEqualTo(0L);
                assertThat(container.getVolumeMounts())
                        .as("writable /tmp of %s", name)
                        .anySatisfy(mount -> {
                            assertThat(mount.getMountPath()).isEqualTo("/tmp");
                            assertThat(emptyDirs).contains(mount.getName());
                        });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldReferencePasswordsOnlyFromSecretsWhenRenderingScenario(Path scenario) {
        Manifests manifests = render(scenario);

        assertThat(manifests.ofType(Secret.class))
                .as("Secrets are never rendered")
                .isEmpty();
        for (ConfigMap config : manifests.ofType(ConfigMap.class)) {
            assertThat(config.getData().keySet()).noneMatch(key -> key.contains("PASSWORD"));
        }
        for (Deployment deployment : manifests.deployments()) {
            for (Container container : containers(deployment)) {
                List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
                assertThat(env)
                        .filteredOn(var -> var.getName().contains("PASSWORD"))
                        .allSatisfy(var -> {
                            assertThat(var.getValue()).isNull();
                            assertThat(var.getValueFrom().getSecretKeyRef().getName())
                                    .isNotBlank();
                        });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldRollPodsOnConfigChangeWhenRenderingScenario(Path scenario) {
        Manifests manifests = render(scenario);
        Set<String> configMaps = manifests.ofType(ConfigMap.class).stream()
                .map(config -> config.getMetadata().getName())
                .collect(Collectors.toSet());

        for (Deployment deployment : manifests.deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as("checksum/config of %s", Manifests.name(deployment))
                    .hasEntrySatisfying(
                            "checksum/config", sum -> assertThat(sum).matches("[0-9a-f]{64}"));
            assertThat(containers(deployment))
                    .allSatisfy(container -> assertThat(container.getEnvFrom())
                            .anySatisfy(source -> assertThat(configMaps)
                                    .contains(source.getConfigMapRef().getName())));
            assertThat(pod.getContainers()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldUseClusterPriorityClassesWhenRenderingScenario(Path scenario) {
        Set<String> defined = ClusterManifestsTests.load().ofType(PriorityClass.class).stream()
                .map(priority -> priority.getMetadata().getName())
                .collect(Collectors.toSet());

        for (Deployment deployment : render(scenario).deployments()) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getPriorityClassName())
                    .as("priorityClassName of %s (defined in k8s/)", Manifests.name(deployment))
                    .isIn(defined);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldExposeOnlyGatewayWhenRenderingScenario(Path scenario) {
        Manifests manifests = render(scenario);

        assertThat(manifests.ofType(Service.class))
                .filteredOn(service -> !"ClusterIP".equals(service.getSpec().getType()))
                .allSatisfy(service -> {
                    assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", GATEWAY);
                    // Visitors reach the API port only, never the actuator's.
                    assertThat(service.getSpec().getPorts())
                            .allSatisfy(port ->
                                    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
                });
        assertThat(manifests.ofType(Ingress.class))
                .flatMap(ingress -> ingress.getSpec().getRules())
                .flatMap(rule -> rule.getHttp().getPaths())
                .allSatisfy(path ->
                        assertThat(path.getBackend().getService().getName()).endsWith(GATEWAY));
    }

    /** The port the service's actuator listens on: its MANAGEMENT_SERVER_PORT, else its SERVER_PORT. */
    static int actuatorPort(Manifests manifests, Deployment deployment) {
        Map<String, String> config = manifests.ofType(ConfigMap.class).stream()
                .filter(map -> map.getMetadata()
                        .getName()
                        .equals(deployment.getMetadata().getName()))
                .findFirst()
                .orElseThrow()
                .getData();
        return Integer.parseInt(config.getOrDefault("MANAGEMENT_SERVER_PORT", config.get("SERVER_PORT")));
    }

    /** A port of the deployment's container, by number or by name. */
    static int containerPort(Deployment deployment, IntOrString port) {
        if (port.getStrVal() == null) {
            return port.getIntVal();
        }
        return containers(deployment).get(0).getPorts().stream()
                .filter(declared -> port.getStrVal().equals(declared.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no container port " + port.getStrVal() + " in " + Manifests.name(deployment)))
                .getContainerPort();
    }

    /** The Services that send traffic to the deployment's pods. */
    static List<Service> servicesOf(Manifests manifests, Deployment deployment) {
        return manifests.ofType(Service.class).stream()
                .filter(service -> podLabels(deployment)
                        .entrySet()
                        .containsAll(service.getSpec().getSelector().entrySet()))
                .toList();
    }

    static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    private static String httpGet(Probe probe) {
        if (probe == null) {
            return null;
        }
        HTTPGetAction get = probe.getHttpGet();
        return get == null ? null : get.getPath();
    }
}
