package io.github.procorecdi.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's settings by name, shared by its command line ({@code --fail-api=3:500}) and its loopback
 * admin endpoint ({@code POST /_simulator/faults?fail-api=3:500}): one parser, one help text.
 */
final class SimulatorOptions {
    static final String HELP = """
            Usage: java -jar procore-cdi-simulator-<version>-all.jar [options]

            A local Procore: OAuth 2.0 (authorization code, installed app, client credentials) and a slice of the
            REST API, on 127.0.0.1 only.

            Start-up:
              --port=N                 port to listen on (default 8089; 0: any free port)
              --state-file=PATH        keep issued tokens in this file, valid across restarts
              --help                   this text

            Settings and faults (also at run time: POST /_simulator/faults?<name>=<value>&...):
              --token-lifetime=DUR     access tokens issued from now on live this long (default PT1H30M)
              --rate-limit=N/DUR       N requests per window DUR for each app and user (default 3600/PT1H)
              --fail-api=N:STATUS[:S]  the next N API requests answer STATUS (429, 500, 502, 503, ...),
                                       with Retry-After: S seconds when given
              --drop-api=N             the next N API requests are read, then the connection is closed
              --api-delay=DUR          every API request waits this long
              --token-delay=DUR        every token request waits this long
              --fail-token=N:STATUS    the next N token requests answer STATUS unprocessed
              --lose-token-answers=N   the next N token requests are processed (a refresh token is spent)
                                       but the answer is lost
              --fail-storage=N:STATUS  the next N upload segment PUTs to the storage host answer STATUS
              --disconnect=COMPANY     that company has the app disconnected: its calls answer 403
              --connect=COMPANY        that company installs the app again
            DUR is ISO-8601 (PT2S) or milliseconds (2000).

            Admin endpoint (loopback callers only; refused with 403: a Host that is not a loopback address, an Origin of
            another site, Sec-Fetch-Site: cross-site; so no web page can change the simulator):
              POST /_simulator/faults?...   apply settings, as above
              POST /_simulator/reset        clear faults, counters, created data; default limits
              GET  /_simulator/counters     what was served so far
              GET  /_simulator/activity.csv Procore's API Call Activity Report of what was served
              GET  /_simulator/token-requests  the token requests served: grant, User-Agent, status, and when
                                            each arrived and was answered (epoch microseconds)
            """;

    private SimulatorOptions() {
    }

    /** A {@code --name=value} (or {@code --name value}) pair of the command line. */
    record Option(String name, String value) {
    }

    /**
     * @return the options of {@code args}, in order
     * @throws IllegalArgumentException for an argument that is not an option
     */
    static List<Option> parse(String[] args) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (i == 0 && arg.matches("\\d+")) { // the old form: java -jar sim.jar 8089
                    options.add(new Option("port", arg));
                    continue;
                }
                throw new IllegalArgumentException("not an option: " + arg + " (try --help)");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq >= 0 ? body.substring(0, eq) : body;
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + Http.printable(name, 60) + " (try --help)");
            }
            if (eq >= 0) {
                options.add(new Option(name, body.substring(eq + 1)));
            } else if (body.equals("help")) {
                options.add(new Option("help", ""));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.add(new Option(body, args[++i]));
            } else {
                throw new IllegalArgumentException("--" + body + " needs a value, e.g. " + EXAMPLES.get(body) + " (try --help)");
            }
        }
        return options;
    }

    /** Every option's name, with an example value (for "needs a value"). */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(Map.entry("port", "--port=8089"),
            Map.entry("state-file", "--state-file=sim.state"), Map.entry("help", "--help"),
            Map.entry("token-lifetime", "--token-lifetime=PT1H30M"), Map.entry("rate-limit", "--rate-limit=3600/PT1H"),
            Map.entry("fail-api", "--fail-api=3:500"), Map.entry("drop-api", "--drop-api=1"), Map.entry("api-delay", "--api-delay=PT2S"),
            Map.entry("token-delay", "--token-delay=PT2S"), Map.entry("fail-token", "--fail-token=2:503"),
            Map.entry("lose-token-answers", "--lose-token-answers=1"), Map.entry("fail-storage", "--fail-storage=2:503"),
            Map.entry("disconnect", "--disconnect=202"), Map.entry("connect", "--connect=202"));
    private static final java.util.Set<String> NAMES = EXAMPLES.keySet();

    /**
     * @return the {@code --port} (default 8089; 0: any free port)
     * @throws IllegalArgumentException naming the option when it is not a port number
     */
    static int port(List<Option> options) {
        String value = value(options, "port", "8089");
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--port=" + Http.printable(value, 40) + ": a port number from 0 to 65535 expected "
                + "(0: any free port) (try --help)");
    }

    /** @return the value of the last option {@code name}, or {@code fallback} */
    static String value(List<Option> options, String name, String fallback) {
        String found = fallback;
        for (Option o : options) {
            if (o.name().equals(name)) {
                found = o.value();
            }
        }
        return found;
    }

    /**
     * Applies every setting and fault among {@code options} to {@code sim}; start-up options are skipped.
     *
     * @return the problems found (unknown names, bad values), empty when all were applied
     */
    static List<String> apply(ProcoreSimulator sim, List<Option> options) {
        List<String> problems = new ArrayList<>();
        for (Option o : options) {
            try {
                applyOne(sim, o.name(), o.value());
            } catch (RuntimeException e) {
                problems.add(Http.printable(o.name(), 60) + "=" + Http.printable(o.value(), 60) + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The query parameters of an admin request, as options. */
    static List<Option> of(Map<String, String> params) {
        List<Option> options = new ArrayList<>();
        params.forEach((k, v) -> options.add(new Option(k, v)));
        return options;
    }

    private static void applyOne(ProcoreSimulator sim, String name, String value) {
        String[] parts = value.split(":", -1);
        switch (name) {
            case "port", "state-file", "help" -> {
                // start-up only
            }
            case "token-lifetime" -> sim.accessTokenLifetime(positive(duration(value)));
            case "rate-limit" -> {
                String[] limit = value.split("/", -1);
                if (limit.length != 2) {
                    throw new IllegalArgumentException("expected N/DURATION, e.g. 3600/PT1H");
                }
                sim.rateLimit(count(limit[0]), positive(duration(limit[1])));
            }
            case "fail-api" -> {
                if (parts.length < 2 || parts.length > 3) {
                    throw new IllegalArgumentException("expected N:STATUS or N:STATUS:RETRY_AFTER_SECONDS, e.g. 3:500");
                }
                sim.faults().failNextApiCalls(count(parts[0]), status(parts[1]), parts.length == 3 ? count(parts[2]) : null);
            }
            case "drop-api" -> sim.faults().dropNextApiResponses(count(value));
            case "api-delay" -> sim.faults().apiDelay(duration(value));
            case "token-delay" -> sim.faults().tokenDelay(duration(value));
            case "fail-token" -> {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected N:STATUS, e.g. 2:503");
                }
                sim.faults().failNextTokenRequests(count(parts[0]), status(parts[1]));
            }
            case "lose-token-answers" -> sim.faults().loseNextTokenResponses(count(value));
            case "fail-storage" -> {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected N:STATUS, e.g. 2:503");
                }
                sim.failNextSegmentPuts(count(parts[0]), status(parts[1]));
            }
            case "disconnect" -> sim.disconnectCompany(company(value));
            case "connect" -> sim.connectCompany(company(value));
            default -> throw new IllegalArgumentException("unknown option (try --help)");
        }
    }

    static Path stateFile(List<Option> options) {
        String file = value(options, "state-file", null);
        return file == null ? null : Path.of(file);
    }

    private static long company(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a company id (a whole number) expected");
        }
    }

    private static Duration duration(String value) {
        String v = value.trim();
        Duration d;
        try {
            d = v.toUpperCase(java.util.Locale.ROOT).startsWith("P") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a duration expected: ISO-8601 (PT2S) or milliseconds (2000)");
        }
        if (d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("a duration between 0 and 24 hours expected");
        }
        return d;
    }

    private static Duration positive(Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException("must be more than zero");
        }
        return d;
    }

    private static int count(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a whole number expected");
        }
        if (n < 0 || n > 1_000_000) {
            throw new IllegalArgumentException("a count between 0 and 1000000 expected");
        }
        return n;
    }

    private static int status(String value) {
        int status;
        try {
            status = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an HTTP error status (400-599) expected");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP error status (400-599) expected");
        }
        return status;
    }
}
