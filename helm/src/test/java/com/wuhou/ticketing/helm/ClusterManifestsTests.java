package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The cluster-level manifests in k8s/: typed, typo-free, all listed in the kustomization, and doing their job. */
class ClusterManifestsTests {

    private static final String KUSTOMIZATION = "kustomization.yaml";

    static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(HelmCharts.CLUSTER_MANIFESTS)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(file -> !file.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object of every manifest file in k8s/. */
    static Manifests load() {
        return Manifests.parse(
                manifestFiles().stream().map(ClusterManifestsTests::read).collect(Collectors.joining("\n---\n")));
    }

    @Test
    void shouldParseOnlyKnownFieldsWhenReadingClusterManifests() {
        for (Path file : manifestFiles()) {
            Manifests manifests = Manifests.parse(read(file));
            assertThat(manifests.all()).as("objects in %s", file.getFileName()).isNotEmpty();
            assertThat(manifests.all().stream().flatMap(o -> Manifests.unknownFields(o).stream()))
                    .as("fields the Kubernetes model does not know in %s", file.getFileName())
                    .isEmpty();
        }
    }

    @Test
    void shouldListEveryManifestWhenReadingKustomization() {
        Map<String, Object> kustomization = new KubernetesSerialization()
                .unmarshal(read(HelmCharts.CLUSTER_MANIFESTS.resolve(KUSTOMIZATION)), Map.class);

        assertThat(kustomization).containsEntry("kind", "Kustomization");
        assertThat(((List<?>) kustomization.get("resources")).stream().map(String::valueOf))
                .as("resources of k8s/kustomization.yaml")
                .containsExactlyInAnyOrderElementsOf(manifestFiles().stream()
                        .map(file -> file.getFileName().toString())
                        .toList());
    }

    @Test
    void shouldEnforceRestrictedPodSecurityWhenReadingNamespace() {
        assertThat(load().ofType(Namespace.class)).singleElement().satisfies(namespace -> {
            assertThat(namespace.getMetadata().getName()).isEqualTo("ticketing");
            assertThat(namespace.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        });
    }

    @Test
    void shouldDenyAllTrafficByDefaultWhenReadingNetworkPolicies() {
        assertThat(load().ofType(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        });
    }

    @Test
    void shouldAllowEveryPlatformPortWhenReadingNetworkPolicies() {
        List<NetworkPolicy> policies = load().ofType(NetworkPolicy.class);
        List<Integer> egressPorts = policies.stream()
                .flatMap(policy ->
                        Stream.ofNullable(policy.getSpec().getEgress()).flatMap(List::stream))
                .flatMap(rule -> Stream.ofNullable(rule.getPorts()).flatMap(List::stream))
                .map(NetworkPolicyPort::getPort)
                .filter(Objects::nonNull)
                .map(port -> port.getIntVal())
                .toList();
        List<String> ingressSources = policies.stream()
                .flatMap(policy ->
                        Stream.ofNullable(policy.getSpec().getIngress()).flatMap(List::stream))
                .flatMap(rule -> rule.getFrom().stream())
                .filter(peer -> peer.getNamespaceSelector() != null)
                .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .toList();

        assertThat(egressPorts).as("egress ports").contains(53, 8080, 3306, 6379, 8848, 9848, 8091);
        assertThat(ingressSources).as("namespaces allowed in").contains("ingress-nginx", "monitoring");
    }

    /** The pod ports that the policies in k8s/ open to pods of {@code namespace}. */
    static List<Integer> portsOpenTo(String namespace) {
        return load().ofType(NetworkPolicy.class).stream()
                .flatMap(policy ->
                        Stream.ofNullable(policy.getSpec().getIngress()).flatMap(List::stream))
                .filter(rule -> rule.getFrom().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() != null
                                && namespace.equals(peer.getNamespaceSelector()
                                        .getMatchLabels()
                                        .get("kubernetes.io/metadata.name"))))
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal())
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
