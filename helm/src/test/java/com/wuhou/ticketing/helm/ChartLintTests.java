package com.wuhou.ticketing.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} on every chart: the library, each service chart and the umbrella. */
class ChartLintTests {

    static List<Path> charts() {
        return HelmCharts.all();
    }

    @Test
    void shouldInstallEveryServiceChartWhenReadingUmbrellaDependencies() {
        assertThat(HelmCharts.all())
                .map(chart -> chart.getFileName().toString())
                .filteredOn(name -> name.endsWith("-service"))
                .containsExactlyInAnyOrderElementsOf(HelmCharts.services());
    }

    @ParameterizedTest
    @MethodSource("charts")
    void shouldPassStrictLintWhenLintingChart(Path chart) {
        LintResult result = HelmCharts.lint(chart);

        assertThat(result.isFailed())
                .as("helm lint --strict %s:%n%s", chart.getFileName(), String.join("\n", result.getMessages()))
                .isFalse();
        assertThat(result.getMessages())
                .as("lint findings of %s", chart.getFileName())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }
}
