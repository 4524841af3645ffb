package com.wuhou.ticketing.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line: a scenario, then {@code --name value} pairs from {@link #KNOWN} only. An option
 * that is unknown, repeated or lacks its value is an error: a typo must not fall back to a default
 * and measure something else.
 */
final class Options {

    /** One option: its name without {@code --}, the default as shown in the usage, what it does. */
    record Option(String name, String fallback, String help) {}

    static final Map<String, String> SCENARIOS = scenarios();

    static final List<Option> KNOWN = List.of(
            new Option("gateway", "http://127.0.0.1:8080", "the gateway"),
            new Option("inventory", "http://127.0.0.1:8102", "inventory-service, straight (gateway)"),
            new Option("checkin", "http://127.0.0.1:8103", "checkin-service, straight (gates)"),
            new Option("home", ".devstack", "the devstack's state folder: secrets, pids/*.pid"),
            new Option("root", ".", "the repository (floor reads inventory's Lua scripts from it)"),
            new Option(
                    "mysql",
                    "jdbc:mysql://127.0.0.1:13306/?useSSL=false&allowPublicKeyRetrieval=true&user=root",
                    "JDBC URL of the devstack's MySQL (floors, gate tickets)"),
            new Option("redis", "127.0.0.1:16379", "the devstack's Redis (floor)"),
            new Option("warmup-seconds", "20", "warm-up before each measured phase, shown as a curve; 0: none"),
            new Option("seconds", "30", "measured duration (steady, floor, gateway, gates)"),
            new Option("orders", "-", "steady, floor: measure this many holds instead of --seconds"),
            new Option(
                    "concurrency",
                    "-",
                    "threads: 32 (steady, floor), 256 (rush), 16 (gateway), 10 (gate floor, as checkin's DB pool)"),
            new Option("buyers", "10000", "rush: distinct buyers, one attempt each"),
            new Option("seats", "1000", "rush, session: seats of the session (the warm-up rush sells out another one)"),
            new Option("rate", "1000", "gates: verifications per second (open loop)"),
            new Option("via", "both", "gates: service, gateway or both"),
            new Option("interval", "5", "seconds per line of the warm-up and progress curves"));

    /** Options where 0 would mean that nothing runs. */
    private static final Set<String> AT_LEAST_ONE =
            Set.of("seconds", "orders", "concurrency", "buyers", "seats", "rate", "interval");

    static final List<String> VIA = List.of("service", "gateway", "both");

    private final String scenario;
    private final Map<String, String> values;

    private Options(String scenario, Map<String, String> values) {
        this.scenario = scenario;
        this.values = values;
    }

    /** The parsed command line; {@link IllegalArgumentException} with a message for the user otherwise. */
    static Options parse(String... args) {
        if (args.length == 0 || !SCENARIOS.containsKey(args[0])) {
            throw new IllegalArgumentException(
                    args.length == 0 ? "no scenario given" : "unknown scenario '" + args[0] + "'");
        }
        Map<String, Option> known = KNOWN.stream().collect(Collectors.toMap(Option::name, o -> o));
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String arg = args[i];
            if (!arg.startsWith("--") || !known.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            if (values.put(arg.substring(2), args[i + 1]) != null) {
                throw new IllegalArgumentException("option " + arg + " given twice");
            }
        }
        Options options = new Options(args[0], values);
        // Every value checked now, not when its phase starts minutes later.
        for (String name : values.keySet()) {
            if (AT_LEAST_ONE.contains(name)) {
                options.positive(name, 1);
            } else if (option(name).fallback().matches("\\d+|-")) {
                options.number(name, 0);
            }
        }
        options.choice("via", VIA);
        return options;
    }

    static boolean wantsHelp(String... args) {
        return args.length == 0
                || args[0].equals("help")
                || List.of(args).contains("--help")
                || List.of(args).contains("-h");
    }

    static String usage() {
        StringBuilder usage =
                new StringBuilder("usage: java -jar bench/target/bench.jar SCENARIO [--option value ...]\n");
        usage.append(
                "\nscenarios (each measured phase follows a warm-up and prints CPU-ms per unit of work per process):\n");
        SCENARIOS.forEach((name, help) -> usage.append("  %-9s %s%n".formatted(name, help)));
        usage.append("\noptions (default in brackets):\n");
        for (Option option : KNOWN) {
            usage.append("  --%-15s %s [%s]%n".formatted(option.name(), option.help(), option.fallback()));
        }
        return usage.toString();
    }

    String scenario() {
        return scenario;
    }

    String text(String name) {
        return values.getOrDefault(name, option(name).fallback());
    }

    int number(String name) {
        return number(name, Integer.parseInt(option(name).fallback()));
    }

    /** For options whose default depends on the scenario (shown as {@code -} in the usage). */
    int number(String name, int fallback) {
        String value = values.get(option(name).name());
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("option --" + name + " needs a whole number ≥ 0, not '" + value + "'");
    }

    /** A number that must be at least 1 (a rate, a thread count, an interval). */
    int positive(String name) {
        return positive(name, Integer.parseInt(option(name).fallback()));
    }

    int positive(String name, int fallback) {
        int number = number(name, fallback);
        if (number == 0) {
            throw new IllegalArgumentException("option --" + name + " must be at least 1");
        }
        return number;
    }

    /** One of {@code allowed}. */
    String choice(String name, List<String> allowed) {
        String value = text(name);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("option --" + name + " is one of " + allowed + ", not '" + value + "'");
        }
        return value;
    }

    boolean has(String name) {
        return values.containsKey(option(name).name());
    }

    private static Option option(String name) {
        return KNOWN.stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no option --" + name));
    }

    private static Map<String, String> scenarios() {
        Map<String, String> scenarios = new LinkedHashMap<>();
        scenarios.put("steady", "holds with plenty of stock, then its floor (admission script + ledger insert)");
        scenarios.put("floor", "the sales floor alone");
        scenarios.put("rush", "a throwaway rush on one session, then the measured rush on a fresh one");
        scenarios.put("gateway", "GET /api/v1/ticket-types straight to inventory, then through the gateway");
        scenarios.put("gates", "gate verifications at a fixed rate (service, gateway), then the gate floor");
        scenarios.put("all", "steady (with its floor), rush and gateway, one after the other");
        scenarios.put("session", "opens a session of --seats seats and prints its id (for bench/wrk/bench.lua)");
        scenarios.put("help", "this text (also --help, or no arguments)");
        return scenarios;
    }
}
