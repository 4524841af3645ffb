package com.wuhou.ticketing.gate;

import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gate on the command line: {@code ./dev gate --key-id K --secret S --gate NAME [commands]}. With no
 * commands it reads them from stdin, one a line, a bare line being a scan, so a demo can type or pipe
 * QR texts and ID numbers.
 */
public final class GateSimulator {

    static final String USAGE = """
            usage: ./dev gate --key-id K --secret S --gate NAME [--base-url URL] [--state DIR] [--timeout-ms N]
                              [scan CREDENTIAL | out CREDENTIAL | sync | upload | status]...
              --secret    the device secret as given to operators (Base64url); or set GATE_SECRET instead
              --base-url  the gateway (default http://127.0.0.1:8080)
              --state     where the package and the offline journal live (default .devstack/gates/NAME)
              scan / out  verify a QR text or ID number coming in / going out
              sync        fetch today's offline package (the whole day, then what changed)
              upload      send the scans admitted offline
              status      the stored package and the pending scans
            With no commands, reads them from stdin, one a line; a bare line is a scan.""";

    private static final Set<String> OPTIONS = Set.of("key-id", "secret", "gate", "base-url", "state", "timeout-ms");

    /** One command: its name and, for scan and out, the credential. */
    record Command(String name, String credential) {}

    /** Bad arguments: the message and the usage are printed, the exit status is 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final Gate gate;
    private final PrintStream out;
    private final PrintStream err;

    GateSimulator(Gate gate, PrintStream out, PrintStream err) {
        this.gate = gate;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, System.getenv("GATE_SECRET"), in, out, err));
    }

    /** The exit status: 0, 1 when a command failed, 2 for bad arguments. */
    static int run(String[] args, String envSecret, BufferedReader in, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        List<Command> commands = new ArrayList<>();
        GateConfig config;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                out.println(USAGE);
                return 0;
            }
            parse(args, options, commands);
            config = config(options, envSecret);
        } catch (UsageException e) {
            err.println("gate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        GateSimulator simulator = new GateSimulator(new Gate(config), out, err);
        return commands.isEmpty() ? simulator.interactive(in) : simulator.runAll(commands);
    }

    static void parse(String[] args, Map<String, String> options, List<Command> commands) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!OPTIONS.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                options.put(name, args[++i]);
                continue;
            }
            switch (arg) {
                case "scan", "out" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a QR text or an ID number");
                    }
                    commands.add(new Command(arg, args[++i]));
                }
                case "sync", "upload", "status" -> commands.add(new Command(arg, null));
                default -> throw new UsageException("unknown command " + arg);
            }
        }
    }

    static GateConfig config(Map<String, String> options, String envSecret) throws UsageException {
        String keyId = required(options, "key-id");
        String gateName = required(options, "gate");
        String secretText = Optional.ofNullable(options.get("secret"))
                .or(() -> Optional.ofNullable(envSecret))
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new UsageException("--secret is required (or set GATE_SECRET)"));
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(secretText.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("the secret is not Base64url text: " + e.getMessage());
        }
        URI baseUri;
        try {
            baseUri = URI.create(options.getOrDefault("base-url", GateConfig.DEFAULT_BASE_URI.toString()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--base-url is not a URL: " + e.getMessage());
        }
        if (baseUri.getScheme() == null || baseUri.getHost() == null) {
            throw new UsageException("--base-url needs a scheme and a host, e.g. http://127.0.0.1:8080");
        }
        Path stateDir = Path.of(
                options.getOrDefault("state", ".devstack/gates/" + gateName.replaceAll("[^A-Za-z0-9._-]", "_")));
        Duration timeout = GateConfig.DEFAULT_TIMEOUT;
        if (options.containsKey("timeout-ms")) {
            try {
                timeout = Duration.ofMillis(Long.parseLong(options.get("timeout-ms")));
            } catch (NumberFormatException e) {
                throw new UsageException("--timeout-ms is a number of milliseconds");
            }
        }
        try {
            return new GateConfig(baseUri, keyId, secret, gateName, stateDir, timeout, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String required(Map<String, String> options, String name) throws UsageException {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    /** The commands given as arguments, stopping at the first that fails. */
    int runAll(List<Command> commands) {
        for (Command command : commands) {
            if (!execute(command)) {
                return 1;
            }
        }
        return 0;
    }

    /** Commands from stdin until its end; a failed command is reported and the next one read. */
    int interactive(BufferedReader in) {
        err.println("gate " + gate.config().gate() + ": scan or type a QR text or ID number per line "
                + "(also: out X, sync, upload, status, quit)");
        boolean synced = false;
        boolean failed = false;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.equals("quit") || line.equals("exit")) {
                    break;
                }
                Command command = command(line);
                if (!synced && command.credential() != null) {
                    trySync();
                }
                synced |= command.credential() != null || command.name().equals("sync");
                failed |= !execute(command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return failed ? 1 : 0;
    }

    static Command command(String line) {
        String[] words = line.split("\\s+", 2);
        return switch (words[0]) {
            case "scan", "out" -> words.length == 2 ? new Command(words[0], words[1]) : new Command("scan", line);
            case "sync", "upload", "status" ->
                words.length == 1 ? new Command(words[0], null) : new Command("scan", line);
            default -> new Command("scan", line);
        };
    }

    /** Before the first scan: a fresh package if the platform answers, the stored one if not. */
    private void trySync() {
        try {
            sync();
        } catch (RuntimeException e) {
            err.println("warning: no fresh offline package (" + e.getMessage() + "); keeping the stored one");
        }
    }

    private boolean execute(Command command) {
        try {
            switch (command.name()) {
                case "scan" -> scan(command.credential(), "IN");
                case "out" -> scan(command.credential(), "OUT");
                case "sync" -> sync();
                case "upload" -> upload();
                case "status" -> status();
                default -> throw new IllegalArgumentException("unknown command " + command.name());
            }
            return true;
        } catch (RuntimeException e) {
            err.println("error: " + command.name() + ": " + e.getMessage());
            return false;
        }
    }

    private void scan(String credential, String direction) {
        Optional<OfflineScans.Result> uploadedBefore = gate.lastUpload();
        Scan scan = gate.scan(credential, direction);
        gate.lastUpload()
                .filter(result -> uploadedBefore.map(r -> r != result).orElse(true))
                .ifPresent(this::printUpload);
        out.println(line(scan));
    }

    static String line(Scan scan) {
        return String.format(
                        "%-7s %-8s %-18s %s  %s",
                        scan.mode(),
                        scan.result(),
                        scan.reason() == null ? "" : scan.reason(),
                        scan.ticketId() == null ? "-" : scan.ticketId(),
                        scan.visitorName() == null ? "" : scan.visitorName())
                .stripTrailing();
    }

    private void sync() {
        OfflinePackage offlinePackage = gate.refresh();
        out.println("synced package " + describe(offlinePackage));
    }

    private void upload() {
        if (gate.pending() == 0) {
            out.println("upload: nothing pending");
            return;
        }
        printUpload(gate.upload());
    }

    private void printUpload(OfflineScans.Result result) {
        out.printf(
                "uploaded: %d accepted, %d duplicates, %d conflicts; %d pending%n",
                result.accepted(), result.duplicates(), result.conflicts(), gate.pending());
        for (OfflineScans.Outcome outcome : result.outcomes()) {
            if (OfflineScans.CONFLICT.equals(outcome.outcome())) {
                out.printf("CONFLICT %s %s %s%n", outcome.ticketId(), outcome.reason(), outcome.scanId());
            }
        }
    }

    private void status() {
        Optional<OfflinePackage> stored = gate.storedPackage();
        out.println(
                stored.map(p -> "package " + describe(p)).orElse("package: none for " + gate.today() + " (run sync)"));
        out.println("pending: " + gate.pending() + " offline scans");
    }

    private static String describe(OfflinePackage p) {
        List<OfflinePackage.Ticket> tickets = DayPackage.tickets(p);
        long refunded = tickets.stream()
                .filter(t -> OfflinePackage.REFUNDED.equals(t.status()))
                .count();
        return String.format(
                "%s: %d tickets (%d refunded), cursor %d, %d ticket keys, grace %d min",
                p.date(),
                tickets.size(),
                refunded,
                p.cursor(),
                p.ticketPublicKeys() == null ? 0 : p.ticketPublicKeys().size(),
                p.entryGraceMinutes());
    }
}
