package com.wuhou.ticketing.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.checkin.api.Verification;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateSimulatorTest {

    @TempDir
    Path state;

    final byte[] secret = new byte[32];
    FakePlatform platform;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        new SecureRandom().nextBytes(secret);
        platform = new FakePlatform(secret);
        platform.verifications = request -> request.credential().equals("110105194912310021")
                ? Verification.rejected(Verification.Reason.ALREADY_USED, null)
                : Verification.accepted(new Verification.Ticket("E1", "ADULT", null, null, "张*"));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void runsTheCommandsGivenAsArguments() {
        int status = run("", "scan", "T1.abc.def", "out", "T1.abc.def", "status");

        assertThat(status).isZero();
        assertThat(stdout())
                .containsExactly(
                        "ONLINE  ACCEPTED                    E1  张*",
                        "ONLINE  ACCEPTED                    E1  张*",
                        "package: none for " + LocalDate.now(Gate.MUSEUM_ZONE) + " (run sync)",
                        "pending: 0 offline scans");
        assertThat(platform.requests)
                .extracting(r -> Json.read(r.body(), Verification.Request.class).direction())
                .containsExactly("IN", "OUT");
    }

    @Test
    void readsStdinLinesAsScansAndTriesASyncFirst() {
        platform.down = true;

        int status = run("110105194912310021\n\nout T1.abc.def\nstatus\n");

        assertThat(status).isZero();
        assertThat(platform.requests.get(0).path()).isEqualTo(Gate.OFFLINE_PACKAGE);
        assertThat(stderr()).anyMatch(l -> l.startsWith("warning: no fresh offline package"));
        assertThat(stdout())
                .startsWith("OFFLINE REJECTED NO_OFFLINE_PACKAGE -", "OFFLINE REJECTED NO_OFFLINE_PACKAGE -");
    }

    @Test
    void exitsWithTwoOnUsageErrors() {
        assertThat(GateSimulator.run(
                        new String[] {"--key-id", "k", "--gate", "G"},
                        null,
                        new BufferedReader(new StringReader("")),
                        print(out),
                        print(err)))
                .isEqualTo(2);
        assertThat(stderr()).first().isEqualTo("gate: --secret is required (or set GATE_SECRET)");

        assertThat(run("", "jump")).isEqualTo(2);
        assertThat(run("", "scan")).isEqualTo(2);
        assertThat(run("", "--colour", "red")).isEqualTo(2);
        assertThat(stderr()).contains("gate: unknown command jump", "gate: scan needs a QR text or an ID number");
    }

    @Test
    void exitsWithOneWhenTheOnlineAnswerIsAnError() {
        platform.errorStatus = 401;

        assertThat(run("", "scan", "T1.abc.def")).isEqualTo(1);
        assertThat(stderr())
                .anyMatch(l -> l.startsWith("error: scan: POST /checkin/v1/verifications answered HTTP 401"));
    }

    private int run(String stdin, String... commands) {
        List<String> args = new ArrayList<>(List.of(
                "--key-id", "k", "--gate", "G", "--base-url", platform.uri().toString(), "--state", state.toString()));
        args.addAll(List.of(commands));
        // The secret from the environment, as an operator would pass it.
        String env = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return GateSimulator.run(
                args.toArray(String[]::new), env, new BufferedReader(new StringReader(stdin)), print(out), print(err));
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> stderr() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
