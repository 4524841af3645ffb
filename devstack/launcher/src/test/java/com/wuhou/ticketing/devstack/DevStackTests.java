package com.wuhou.ticketing.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackTests {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DevStack.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void shouldPrintUsageAndExitTwoWhenCommandIsUnknown() {
        assertThat(run("--root", root.toString(), "launch")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command launch").contains("usage: devstack");
    }

    @Test
    void shouldExitTwoWhenStopHasNoName() {
        assertThat(run("--root", root.toString(), "stop")).isEqualTo(2);
        assertThat(err.toString()).contains("stop needs a NAME");
    }

    @Test
    void shouldReportEveryProcessStoppedWhenNothingWasStarted() {
        assertThat(run("--root", root.toString(), "--home", root.resolve("home").toString(), "status"))
                .isEqualTo(0);
        assertThat(out.toString())
                .contains("mysql")
                .contains("nacos")
                .contains("mobile-decision-service")
                .doesNotContain("running")
                .contains("total");
    }

    @Test
    void shouldFindTheRepositoryRootWhenStartedInASubdirectory() throws Exception {
        Files.createDirectories(root.resolve("devstack/launcher"));
        Path deep = Files.createDirectories(root.resolve("order-service/src/main"));

        assertThat(Layout.findRoot(deep)).isEqualTo(root.toAbsolutePath());
    }

    @Test
    void shouldSayWhatToBuildWhenNacosIsNotBuilt() {
        assertThat(run("--root", root.toString(), "--home", root.resolve("home").toString(), "up"))
                .isEqualTo(1);
        assertThat(out.toString()).contains("Not built yet").contains("./mvnw -q -DskipTests install");
    }
}
