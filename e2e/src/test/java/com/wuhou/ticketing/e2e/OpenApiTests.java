package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One Swagger UI at the gateway lists every service's OpenAPI document, and each one loads. */
class OpenApiTests {

    @Test
    void shouldListAndServeEveryServiceDocumentWhenSwaggerUiIsOpened() {
        HttpResponse<String> config = Platform.get("/v3/api-docs/gateway/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode url : Platform.json(config).path("urls")) {
            names.add(url.path("name").asText());
            HttpResponse<String> document = Platform.get(url.path("url").asText());
            assertThat(document.statusCode()).as("document %s", url).isEqualTo(200);
            assertThat(Platform.json(document).path("openapi").asText()).startsWith("3.");
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(Platform.SERVICES);

        HttpResponse<String> ui = Platform.get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
