package com.wuhou.ticketing.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The charts under test. They are copied from {@code helm/} into {@code target/helm-test/charts} once per test JVM
 * (vendored {@code .tgz} files left behind), and their file:// dependencies are built there bottom-up with helm-java:
 * the library into each service chart, then the service charts into the umbrella.
 */
final class HelmCharts {

    static final String RELEASE = "ticketing";
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path SCENARIOS = MODULE.resolve("ticketing/ci");
    static final Path CLUSTER_MANIFESTS = MODULE.resolveSibling("k8s");

    private static final Path WORK = MODULE.resolve("target/helm-test/charts");
    private static final Path RENDERED_COPIES = MODULE.resolve("target/helm-test/rendered");
    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();
    private static boolean built;

    private HelmCharts() {}

    /** Every chart directory: the library, each service chart and the umbrella. */
    static synchronized List<Path> all() {
        build();
        return Stream.of(
                        Stream.of(WORK.resolve("library")),
                        serviceCharts().stream(),
                        Stream.of(WORK.resolve("ticketing")))
                .flatMap(s -> s)
                .toList();
    }

    /** The services the umbrella chart installs: the names of its dependencies in ticketing/Chart.yaml. */
    static List<String> services() {
        try {
            Map<?, ?> chart = new KubernetesSerialization()
                    .unmarshal(Files.readString(MODULE.resolve("ticketing/Chart.yaml")), Map.class);
            return ((List<?>) chart.get("dependencies"))
                    .stream()
                            .map(dependency -> String.valueOf(((Map<?, ?>) dependency).get("name")))
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> scenarios() {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-values.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LintResult lint(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /** Renders the umbrella chart with a scenario values file and extra {@code --set} values. */
    static String render(Path valuesFile, Map<String, Object> sets) {
        synchronized (HelmCharts.class) {
            build();
        }
        TemplateCommand template = new Helm(WORK.resolve("ticketing"))
                .template()
                .withName(RELEASE)
                .withNamespace("ticketing")
                .withValuesFile(valuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    /**
     * Renders a scenario as it is; cached, since most tests read the same few renderings. A copy is written to
     * {@code target/helm-test/rendered/} for a reviewer to read.
     */
    static String render(Path valuesFile) {
        return RENDERED.computeIfAbsent(valuesFile, file -> {
            String manifests = render(file, Map.of());
            try {
                Path copy =
                        RENDERED_COPIES.resolve(file.getFileName().toString().replace("-values", ""));
                Files.createDirectories(RENDERED_COPIES);
                Files.writeString(copy, manifests);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return manifests;
        });
    }

    private static List<Path> serviceCharts() {
        try (Stream<Path> dirs = Files.list(WORK.resolve("charts"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build() {
        if (built) {
            return;
        }
        deleteRecursively(WORK);
        for (String chartRoot : List.of("library", "charts", "ticketing")) {
            copy(MODULE.resolve(chartRoot), WORK.resolve(chartRoot));
        }
        for (Path service : serviceCharts()) {
            new Helm(service).dependency().build().call();
        }
        new Helm(WORK.resolve("ticketing")).dependency().build().call();
        built = true;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(f -> !isVendoredChart(f)).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isVendoredChart(Path file) {
        return file.getFileName().toString().endsWith(".tgz")
                && file.getParent().getFileName().toString().equals("charts");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
