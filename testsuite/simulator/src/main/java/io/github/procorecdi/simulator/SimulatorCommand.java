package io.github.procorecdi.simulator;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The simulator's command line ({@code java -jar procore-cdi-simulator-<version>-all.jar [--port=8089] [options]}):
 * checks every option, starts a {@link ProcoreSimulator} (or finds one already serving the port, when no setting would be
 * lost) and prints its banner. Every problem is one line naming the option and {@code --help}, with its own exit code.
 */
final class SimulatorCommand {
    private SimulatorCommand() {
    }

    /** @return whether a Procore simulator already answers on {@code port} of 127.0.0.1 */
    static boolean alreadyServing(int port) {
        try {
            java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token/info"))
                            .timeout(java.time.Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 401 && answer.headers().firstValue("WWW-Authenticate").orElse("").contains("Doorkeeper");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a simulator until the process is stopped; {@code --help} lists the options. A wrong option: one line, exit 2. */
    public static void main(String[] args) throws InterruptedException {
        Launch launch = launch(args, System.out, System.err);
        if (launch.simulator() == null) {
            if (launch.exitCode() != 0) {
                System.exit(launch.exitCode());
            }
            return;
        }
        ProcoreSimulator sim = launch.simulator();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        Thread.currentThread().join();
    }

    /** What the command line did: a running simulator, or none and the process's exit code. */
    record Launch(ProcoreSimulator simulator, int exitCode) {
    }

    /** Exit code of a wrong option or value. */
    static final int BAD_OPTION = 2;
    /** Exit code of a port that is taken (by another program, or by a simulator that cannot take this run's options). */
    static final int PORT_BUSY = 3;

    /**
     * The command line: checks every option, starts the simulator (or finds one already serving the port, when no setting
     * would be lost), and prints its banner; every problem is one line on {@code err} naming the option and {@code --help}.
     */
    static Launch launch(String[] args, java.io.PrintStream out, java.io.PrintStream err) throws InterruptedException {
        List<SimulatorOptions.Option> options;
        int port;
        try {
            options = SimulatorOptions.parse(args);
            port = SimulatorOptions.port(options);
        } catch (IllegalArgumentException e) {
            err.println("procore-simulator: " + e.getMessage());
            return new Launch(null, BAD_OPTION);
        }
        if (options.stream().anyMatch(o -> o.name().equals("help"))) {
            out.print(SimulatorOptions.HELP);
            return new Launch(null, 0);
        }
        List<String> settings = options.stream().filter(o -> !o.name().equals("port")).map(o -> "--" + o.name()).distinct().toList();
        if (port != 0 && alreadyServing(port)) {
            return reuse(port, settings, out, err);
        }
        ProcoreSimulator sim;
        try {
            java.nio.file.Path stateFile = SimulatorOptions.stateFile(options);
            sim = stateFile == null ? ProcoreSimulator.start(port) : ProcoreSimulator.start(port, stateFile);
        } catch (IllegalStateException bindFailed) {
            // another simulator started at the same moment and won the port: fine, if it is one and no setting is lost
            for (int i = 0; i < 20; i++) {
                if (alreadyServing(port)) {
                    return reuse(port, settings, out, err);
                }
                Thread.sleep(100);
            }
            err.println("procore-simulator: --port=" + port + ": the port is in use by another program; choose another --port "
                    + "(0: any free port) (try --help)");
            return new Launch(null, PORT_BUSY);
        }
        List<String> problems = SimulatorOptions.apply(sim, options);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("procore-simulator: --" + p + " (try --help)"));
            sim.close();
            return new Launch(null, BAD_OPTION);
        }
        out.println("Procore simulator running");
        out.println("  login-url:  " + sim.loginUrl());
        out.println("  api-url:    " + sim.apiUrl());
        out.println("  storage:    " + sim.storageUrl() + "  (upload segments)");
        out.println("  web / installed app:  client-id=" + ProcoreSimulator.WEB_CLIENT_ID + "  client-secret=" + ProcoreSimulator.WEB_CLIENT_SECRET);
        out.println("  service account:      client-id=" + ProcoreSimulator.DMSA_CLIENT_ID + "  client-secret=" + ProcoreSimulator.DMSA_CLIENT_SECRET);
        out.println("  users: ada@example.com, grace@example.com (password " + ProcoreSimulator.PASSWORD + ")");
        out.println("  faults while running: curl -X POST '" + sim.loginUrl() + "/_simulator/faults?fail-api=3:500' (--help)");
        out.println("Press Ctrl+C to stop.");
        return new Launch(sim, 0);
    }

    /** A simulator already serves the port: use it when this run asks nothing more of it, else say what would be lost. */
    private static Launch reuse(int port, List<String> settings, java.io.PrintStream out, java.io.PrintStream err) {
        if (settings.isEmpty()) {
            // e.g. a second build asking for the sample's simulator
            out.println("A Procore simulator is already running on port " + port + "; using that one.");
            return new Launch(null, 0);
        }
        err.println("procore-simulator: --port=" + port + ": a Procore simulator already runs there, and this run's "
                + String.join(", ", settings) + " would not reach it; stop it, choose another --port, or apply settings to it with "
                + "POST http://127.0.0.1:" + port + "/_simulator/faults?... (try --help)");
        return new Launch(null, PORT_BUSY);
    }
}
