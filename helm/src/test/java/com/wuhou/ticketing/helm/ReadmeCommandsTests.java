package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Helm commands of the READMEs, run as written on a fresh clone, install the whole platform. */
class ReadmeCommandsTests {

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "helm/README.md"})
    void shouldRenderEveryServiceWhenRunningTheReadmesHelmCommandsOnAFreshClone(String readme) {
        List<List<String>> commands = ReadmeCommands.of(HelmCharts.REPOSITORY.resolve(readme));
        Path clone = HelmCharts.MODULE.resolve("target/helm-test/readme/" + readme.replace('/', '-'));
        HelmCharts.freshClone(clone);

        List<String> installs = new ArrayList<>();
        for (List<String> command : commands) {
            String output = ReadmeCommands.run(command, clone);
            if (!ReadmeCommands.isDependencyBuild(command)) {
                installs.add(output);
            }
        }

        assertThat(commands).as("helm commands of %s", readme).anyMatch(ReadmeCommands::isDependencyBuild);
        assertThat(installs).as("installs in %s", readme).isNotEmpty();
        for (String manifests : installs) {
            assertThat(Manifests.parse(manifests).deployments())
                    .map(Deployment::getMetadata)
                    .map(metadata -> metadata.getLabels().get("app.kubernetes.io/name"))
                    .containsExactlyInAnyOrderElementsOf(HelmCharts.services());
        }
    }
}
