package com.wuhou.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A typo on the command line is an error, never a default that measures something else. */
class OptionsTests {

    @Test
    void shouldUseTheDefaultsWhenNothingIsGiven() {
        Options options = Options.parse("steady");

        assertThat(options.scenario()).isEqualTo("steady");
        assertThat(options.number("warmup-seconds")).isEqualTo(20);
        assertThat(options.number("seconds")).isEqualTo(30);
        assertThat(options.number("concurrency", 32)).isEqualTo(32);
        assertThat(options.has("orders")).isFalse();
    }

    @Test
    void shouldTakeTheValuesGiven() {
        Options options = Options.parse("rush", "--buyers", "500", "--gateway", "http://gw:8080");

        assertThat(options.number("buyers")).isEqualTo(500);
        assertThat(options.text("gateway")).isEqualTo("http://gw:8080");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "stedy                      | unknown scenario 'stedy'",
                "steady --sconds 5          | unknown option '--sconds'",
                "steady seconds 5           | unknown option 'seconds'",
                "steady --seconds           | option --seconds needs a value",
                "steady --seconds --orders 5 | option --seconds needs a value",
                "steady --seconds 5 --seconds 6 | option --seconds given twice",
            })
    void shouldRefuseWhatItDoesNotKnow(String line, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(line.split(" ")))
                .withMessage(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "steady --seconds ten      | option --seconds needs a whole number ≥ 0, not 'ten'",
                "steady --warmup-seconds -1 | option --warmup-seconds needs a whole number ≥ 0, not '-1'",
                "steady --orders 1.5       | option --orders needs a whole number ≥ 0, not '1.5'",
                "gates --rate 0            | option --rate must be at least 1",
                "gates --via svc           | option --via is one of [service, gateway, both], not 'svc'",
            })
    void shouldRefuseAValueItCannotUseBeforeAnythingRuns(String line, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(line.trim().split(" +")))
                .withMessage(message);
    }

    @Test
    void shouldTakeZeroWarmUpAsNone() {
        assertThat(Options.parse("gates", "--warmup-seconds", "0").number("warmup-seconds"))
                .isZero();
    }

    @Test
    void shouldShowEveryScenarioAndOptionWithItsDefaultInTheUsage() {
        String usage = Options.usage();

        Options.SCENARIOS.keySet().forEach(scenario -> assertThat(usage).contains("  " + scenario + " "));
        Options.KNOWN.forEach(
                option -> assertThat(usage).contains("--" + option.name()).contains("[" + option.fallback() + "]"));
    }

    @ParameterizedTest
    @CsvSource({"help", "--help", "-h", "steady --help"})
    void shouldAskForHelpWhenTold(String line) {
        assertThat(Options.wantsHelp(line.split(" "))).isTrue();
        assertThat(Options.wantsHelp()).isTrue();
        assertThat(Options.wantsHelp("steady")).isFalse();
    }
}
