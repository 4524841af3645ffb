package com.wuhou.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load tool's own CPU, read from /proc, agrees with what the JDK says about this process. */
class ProcessCpuTests {

    @Test
    void shouldReadTheLoadToolsOwnCpuWhenThereIsNoDevstack(@TempDir Path home) {
        Map<String, Long> millis = new ProcessCpu(home).snapshot();
        long jdk = ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toMillis)
                .orElseThrow();

        assertThat(millis).containsOnlyKeys("bench (load tool)");
        assertThat(millis.get("bench (load tool)")).isPositive().isCloseTo(jdk, within(200L));
    }
}
