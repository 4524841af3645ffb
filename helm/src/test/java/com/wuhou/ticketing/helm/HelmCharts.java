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
 * The charts under test, as a user gets them: {@code helm/} is copied into {@code target/helm-test/clone/helm} the
 * way a fresh clone has it (no vendored {@code .tgz} or {@code Chart.lock}), once per test JVM, and the README's
 * {@code helm dependency build} commands are run there, exactly as written, with helm-java.
 */
final class HelmCharts {

    static final String RELEASE = "ticketing";
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = MODULE.getParent();
    static final Path README = REPOSITORY.resolve("README.md");
    static final Path SCENARIOS = MODULE.resolve("ticketing/ci");
    static final Path CLUSTER_MANIFESTS = MODULE.resolveSibling("k8s");

    private static final Path CLONE = MODULE.resolve("target/helm-test/clone");
    private static final Path STANDALONE = MODULE.resolve("target/helm-test/standalone");
    private static final Path RENDERED_COPIES = MODULE.resolve("target/helm-test/rendered");
    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();
    private static boolean built;

    private HelmCharts() {}

    /**
     * Every chart, for lint: the library and the umbrella as the README builds them, and each service chart on its
     * own, its dependency built as helm/README.md says for using one chart alone.
     */
    static synchronized List<Path> all() {
        build();
        return Stream.of(
                        Stream.of(CLONE.resolve("helm/library")),
                        serviceCharts(STANDALONE.resolve("helm/charts")).stream(),
                        Stream.of(umbrella()))
                .flatMap(s -> s)
                .toList();
    }

    /** The services the umbrella chart installs: its dependencies in ticketing/Chart.yaml from helm/charts/. */
    static List<String> services() {
        try {
            Map<?, ?> chart = new KubernetesSerialization()
                    .unmarshal(Files.readString(MODULE.resolve("ticketing/Chart.yaml")), Map.class);
            return ((List<?>) chart.get("dependencies"))
                    .stream()
                            .map(dependency -> (Map<?, ?>) dependency)
                            .filter(dependency ->
                                    String.valueOf(dependency.get("repository")).startsWith("file://../charts/"))
                            .map(dependency -> String.valueOf(dependency.get("name")))
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
        TemplateCommand template = new Helm(umbrella())
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

    /**
     * Copies {@code helm/} into {@code root/helm} as a fresh clone has it: without what git ignores there (the
     * vendored {@code charts/*.tgz} and {@code Chart.lock} that a {@code helm dependency build} leaves behind).
     */
    static void freshClone(Path root) {
        deleteRecursively(root);
        for (String chartRoot : List.of("library", "charts", "ticketing")) {
            copy(MODULE.resolve(chartRoot), root.resolve("helm").resolve(chartRoot));
        }
    }

    private static Path umbrella() {
        return CLONE.resolve("helm/ticketing");
    }

    private static List<Path> serviceCharts(Path charts) {
        try (Stream<Path> dirs = Files.list(charts)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build() {
        if (built) {
            return;
        }
        freshClone(CLONE);
        List<List<String>> builds = ReadmeCommands.of(README).stream()
                .filter(ReadmeCommands::isDependencyBuild)
                .toList();
        if (builds.isEmpty()) {
            throw new IllegalStateException(README + " shows no helm dependency build");
        }
        builds.forEach(command -> ReadmeCommands.run(command, CLONE));
        freshClone(STANDALONE);
        for (Path service : serviceCharts(STANDALONE.resolve("helm/charts"))) {
            new Helm(service).dependency().build().call();
        }
        built = true;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(f -> !isIgnoredByGit(f)).toList()) {
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

    /** What .gitignore keeps out of a clone under helm/. */
    private static boolean isIgnoredByGit(Path file) {
        String name = file.getFileName().toString();
        return name.equals("Chart.lock")
                || name.endsWith(".tgz")
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
