package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every service, the gateway included, is registered in Nacos with a healthy instance. */
class RegistrationTests {

    @Test
    void shouldListEveryServiceWithHealthyInstanceWhenNacosIsAsked() {
        List<String> all = new ArrayList<>(Platform.SERVICES);
        all.add("gateway-service");
        for (String service : all) {
            HttpResponse<String> response =
                    Platform.get(Platform.nacos() + "/nacos/v3/client/ns/instance/list?serviceName=" + service);
            assertThat(response.statusCode())
                    .as("Nacos answer for %s: %s", service, response.body())
                    .isEqualTo(200);
            JsonNode hosts = Platform.json(response).path("data");
            assertThat(hosts.isArray() && !hosts.isEmpty())
                    .as("%s has instances in Nacos: %s", service, response.body())
                    .isTrue();
            assertThat(hosts.get(0).path("healthy").asBoolean())
                    .as("%s healthy", service)
                    .isTrue();
        }
    }
}
