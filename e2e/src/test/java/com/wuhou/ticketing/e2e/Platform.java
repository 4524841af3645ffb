package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The running platform as a black box: HTTP through the gateway, the devstack CLI, its log files. */
final class Platform {

    static final List<String> SERVICES = List.of(
            "order-service",
            "inventory-service",
            "checkin-service",
            "channel-service",
            "report-service",
            "mobile-decision-service");

    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Platform() {}

    static String gateway() {
        return System.getProperty("e2e.gateway", "http://127.0.0.1:8080");
    }

    /** The gateway's actuator: a port of its own, which the public entry does not serve. */
    static String gatewayManagement() {
        return System.getProperty("e2e.gatewayManagement", "http://127.0.0.1:8081");
    }

    static String nacos() {
        return System.getProperty("e2e.nacos", "http://127.0.0.1:8848");
    }

    static Path home() {
        return Path.of(System.getProperty("e2e.home", ".devstack"));
    }

    static HttpResponse<String> get(String pathOrUrl, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A request with a JSON body, as an operator when {@code token} is not null. */
    static HttpResponse<String> send(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static String operatorToken;

    /** Logs in as the devstack's first operator (password from its secrets folder), once per run. */
    static synchronized String operatorToken() {
        if (operatorToken == null) {
            HttpResponse<String> login = send(
                    "POST",
                    "/admin/v1/auth/login",
                    "{\"username\":\"admin\",\"password\":\"" + operatorPassword() + "\"}",
                    null);
            assertThat(login.statusCode())
                    .as("operator login: %s", login.body())
                    .isEqualTo(200);
            operatorToken = json(login).path("accessToken").asText();
        }
        return operatorToken;
    }

    static String operatorPassword() {
        try {
            return Files.readString(home().resolve("secrets").resolve("operator-password"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : gateway() + pathOrUrl);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Asserts an RFC 9457 problem document with the given status and code, and returns it. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElse("<missing header>"));
        return problem;
    }

    /** Runs a devstack command (stop NAME, start NAME, status …) against this run's state folder. */
    static String devstack(String... command) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                javaBinary(),
                "-jar",
                System.getProperty("e2e.devstack.jar", "devstack/launcher/target/devstack.jar"),
                "--root",
                System.getProperty("e2e.root", "."),
                "--home",
                home().toString()));
        cmd.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("devstack " + String.join(" ", command) + " did not finish");
            }
            assertThat(process.exitValue())
                    .as("devstack %s exit code; output:%n%s", String.join(" ", command), output)
                    .isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String log(String process) {
        try {
            return Files.readString(home().resolve("logs").resolve(process + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
