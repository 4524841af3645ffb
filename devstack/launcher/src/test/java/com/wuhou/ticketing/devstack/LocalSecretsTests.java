package com.wuhou.ticketing.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTests {

    @TempDir
    Path home;

    @Test
    void shouldGiveEveryServiceTheSameSecretsWhenTheyStartTogether() throws Exception {
        Path dir = home.resolve("secrets");
        List<CompletableFuture<LocalSecrets>> loads = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> LocalSecrets.load(dir)))
                .toList();

        List<LocalSecrets> all = loads.stream().map(CompletableFuture::join).toList();

        assertThat(all).allSatisfy(s -> assertThat(s).isEqualTo(all.get(0)));
        assertThat(all.get(0).operatorPassword()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Files.readString(dir.resolve("operator-password")).strip())
                .isEqualTo(all.get(0).operatorPassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("operator-token.key"))))
                .isEqualTo("rw-------");
        assertThat(LocalSecrets.load(dir)).isEqualTo(all.get(0));
    }

    @Test
    void shouldGiveTheOrderTokenKeyToOrderServiceAloneWhileCheckinGetsTheVisitorKey() {
        Runner runner = new Runner(new Layout(home, home));
        Map<String, Map<String, String>> env =
                Component.SERVICES.stream().collect(Collectors.toMap(Component::name, runner::serviceEnv));

        String orderTokenKey = env.get("order-service").get("ORDER_TOKEN_KEY");

        assertThat(orderTokenKey)
                .isNotBlank()
                .isNotEqualTo(env.get("order-service").get("VISITOR_HASH_KEY"));
        assertThat(env.get("checkin-service")).containsKey("VISITOR_HASH_KEY");
        env.forEach((service, vars) -> {
            if (!service.equals("order-service")) {
                assertThat(vars)
                        .as(service)
                        .doesNotContainKey("ORDER_TOKEN_KEY")
                        .doesNotContainValue(orderTokenKey);
            }
        });
    }
}
