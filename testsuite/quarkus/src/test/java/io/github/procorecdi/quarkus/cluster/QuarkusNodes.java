package io.github.procorecdi.quarkus.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Processes of a packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar}), driven through stdin and read
 * through stdout with the cluster suite's line protocol, and the simulator sign-in that gives the first node its code.
 */
final class QuarkusNodes {
    static final String REDIRECT = "http://localhost:8080/cluster/callback";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private QuarkusNodes() {
    }

    /** The outcome of one node's round. */
    record Result(int round, int ok, int failed, int authRequired, long maxMillis, long p50, long p99) {
    }

    /** Starts {@code jar} with {@code properties} as system properties (run-time configuration). */
    static Node start(Path jar, Map<String, String> properties) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the module's package phase builds it (run verify, not test)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return new Node(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A user's authorization code for the simulator's web client, through its sign-in page (as a browser would). */
    static String code(ProcoreSimulator sim) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String authorize = sim.loginUrl() + "/oauth/authorize?response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT) + "&state=s";
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> hidden = new TreeMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        StringBuilder form = new StringBuilder();
        hidden.forEach((k, v) -> form.append(enc(k)).append('=').append(enc(v)).append('&'));
        form.append("login=").append(enc("ada@example.com")).append("&password=").append(enc(ProcoreSimulator.PASSWORD))
                .append("&decision=allow");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/oauth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError("sign-in answered " + answer.statusCode()));
        return URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A node process. */
    static final class Node implements AutoCloseable {
        private static final Pattern RESULT = Pattern.compile(
                "RESULT (\\d+) ok=(\\d+) failed=(\\d+) authRequired=(\\d+) maxMillis=(\\d+) p50=(\\d+) p99=(\\d+)");
        final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        /** the node's output, kept for a failure's message */
        private final List<String> transcript = new ArrayList<>();

        Node(Process process) {
            this.process = process;
            this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("FAILURE")) {
                            System.out.println("quarkus node " + process.pid() + ": " + line);
                        }
                        synchronized (transcript) {
                            transcript.add(line);
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the node died
                }
            }, "quarkus-node-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) {
            in.println(command);
        }

        void awaitReady() {
            await("READY", 120);
        }

        void signIn(String code) {
            send("SIGNIN " + code);
            await("SIGNED-IN", 60);
        }

        Result awaitResult(int round) {
            Matcher m = RESULT.matcher(await("RESULT " + round + " ", 180));
            if (!m.find()) {
                throw new AssertionError("unexpected result line");
            }
            return new Result(round, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
        }

        private String await(String prefix, int seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                while (System.nanoTime() < deadline) {
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (line != null && line.startsWith(prefix)) {
                        return line;
                    }
                    if (line == null && !process.isAlive()) {
                        throw new AssertionError("node " + process.pid() + " exited with " + process.exitValue() + ":\n" + transcript());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("node " + process.pid() + " printed no '" + prefix + "' within " + seconds + " s:\n" + transcript());
        }

        private String transcript() {
            synchronized (transcript) {
                return String.join("\n", transcript.subList(Math.max(0, transcript.size() - 40), transcript.size()));
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                send("EXIT");
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
