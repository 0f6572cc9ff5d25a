import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storm of BENCHMARKS.md through quarkus-oidc-client: starts the simulator (port 0, short access tokens), signs the
 * user in once (authorization code, as QuarkusNodes does), starts {@code nodes} JVMs of the packaged
 * testsuite/quarkus-oidc-storm application with that one pair, each releasing {@code threads} callers of {@code GET /me}
 * 200 ms past the access token's expiry as quarkus-oidc-client reads it (see below), and prints one table row with the simulator's counts. A measurement: it asserts
 * nothing.
 *
 * <pre>java testsuite/quarkus-oidc-storm/OidcStorm.java &lt;simulator -all.jar&gt; &lt;quarkus-run.jar&gt; [threads=200] [nodes=2] [lifetime=PT20S]</pre>
 *
 * A session is lost when the pair a JVM holds after the storm, or the one it would next use, no longer refreshes (checked
 * with one refresh request per held refresh token, after the counters are read).
 */
public class OidcStorm {
    private static final String CLIENT_ID = "sim-web-client";
    private static final String CLIENT_SECRET = "sim-web-secret";
    private static final String REDIRECT = "http://localhost:8080/cluster/callback";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern RESULT = Pattern.compile("RESULT ok=(\\d+) failed=(\\d+) maxMillis=(\\d+) refreshes=(\\d+) refreshFailures=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        Path simJar = Path.of(args[0]);
        Path appJar = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int nodes = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Duration lifetime = Duration.parse(args.length > 4 ? args[4] : "PT20S");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sim = new ProcessBuilder(java, "-jar", simJar.toString(), "--port=0", "--token-lifetime=" + lifetime,
                "--rate-limit=1000000/PT10S", "--token-delay=50").redirectErrorStream(true).start();
        List<Process> apps = new ArrayList<>();
        try {
            BufferedReader simOut = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line; url == null && (line = simOut.readLine()) != null; ) {
                if (line.trim().startsWith("login-url:")) {
                    url = line.trim().substring("login-url:".length()).trim();
                }
            }
            if (url == null) {
                throw new IllegalStateException("the simulator did not start");
            }
            drain(simOut);

            // the user signs in once: the pair every JVM starts from
            Map<String, String> pair = form(url + "/oauth/token", Map.of("grant_type", "authorization_code", "code", code(url),
                    "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
            long signedIn = System.currentTimeMillis();
            // the expiry as OidcClientImpl computes it on receipt (epoch seconds + expires_in); Tokens.isAccessTokenExpired() is
            // "now in seconds > expiresAt", so the filter refreshes from the second after it: the callers go 200 ms into that
            // second (the simulator's own expiry, at most signedIn + lifetime, is earlier still)
            long expiresAt = signedIn / 1000 + Long.parseLong(pair.get("expires_in"));
            long start = (expiresAt + 1) * 1000 + 200;
            System.out.printf("callers released %d ms past the simulator's expiry (at least), 200 ms past quarkus-oidc-client's%n",
                    start - (signedIn + lifetime.toMillis()));

            List<BlockingQueue<String>> outputs = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                        "-Dquarkus.oidc-client.auth-server-url=" + url, "-Dquarkus.rest-client.procore.url=" + url,
                        "-Dstorm.access-token=" + pair.get("access_token"), "-Dstorm.expires-at=" + expiresAt,
                        "-Dstorm.refresh-token=" + pair.get("refresh_token"), "-Dstorm.threads=" + threads, "-Dstorm.start=" + start,
                        "-jar", appJar.toString()));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                apps.add(p);
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                outputs.add(lines);
                CompletableFuture.runAsync(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (Exception e) {
                        // ended
                    } finally {
                        lines.add("EOF");
                    }
                });
            }
            int ok = 0, failed = 0, refreshes = 0, refreshFailures = 0;
            long slowest = 0;
            List<String> held = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String holds = null;
                for (String line; (line = outputs.get(i).poll(180, TimeUnit.SECONDS)) != null && !line.equals("EOF"); ) {
                    Matcher m = RESULT.matcher(line);
                    if (m.find()) {
                        ok += Integer.parseInt(m.group(1));
                        failed += Integer.parseInt(m.group(2));
                        slowest = Math.max(slowest, Long.parseLong(m.group(3)));
                        refreshes += Integer.parseInt(m.group(4));
                        refreshFailures += Integer.parseInt(m.group(5));
                    } else if (line.startsWith("HOLDS ")) {
                        holds = line.substring("HOLDS ".length());
                    } else if (line.startsWith("FAILURE") || line.startsWith("REFRESH-FAILURE") || line.startsWith("LATE")) {
                        System.out.println("jvm " + (i + 1) + ": " + line);
                    }
                }
                held.add(holds == null ? "none" : holds);
            }
            if (ok + failed != threads * nodes) {
                System.out.println("callers that reported: " + (ok + failed) + " of " + threads * nodes);
                failed = threads * nodes - ok;
            }

            String counters = get(url + "/_simulator/counters");
            int tokenRequests = sum(object(counters, "token_requests")) - count(object(counters, "token_requests"), "authorization_code");
            int invalidGrant = count(object(counters, "token_errors"), "invalid_grant");

            // sessions: does the pair each JVM holds (or would next use) still refresh?
            int lost = 0;
            Set<String> alive = new LinkedHashSet<>();
            for (String token : held) {
                if (token.equals("none")) {
                    lost++;
                } else if (alive.contains(token)) {
                    continue;
                } else if (form(url + "/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token", token,
                        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET)).containsKey("access_token")) {
                    alive.add(token);
                } else {
                    lost++;
                }
            }
            System.out.println("| storm | library | token requests | invalid_grant | failed callers | sessions lost | slowest caller |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.printf("| %d Quarkus JVMs x %d callers, 200 ms past expiry, single-use refresh token | quarkus-oidc-client 3.33.2 "
                    + "+ REST client filter, refresh grant | %d (refresh requests by the JVMs: %d, failed %d) | %d | %d | %d of %d | %d ms |%n",
                    nodes, threads, tokenRequests, refreshes, refreshFailures, invalidGrant, failed, lost, nodes, slowest);
        } finally {
            for (Process p : apps) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            sim.destroy();
            if (!sim.waitFor(20, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }

    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the simulator's further output
                }
            } catch (Exception e) {
                // ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** A user's authorization code for the simulator's web client, through its sign-in page (as QuarkusNodes.code). */
    private static String code(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String authorize = url + "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT) + "&state=s";
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> hidden = new TreeMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        StringBuilder form = new StringBuilder();
        hidden.forEach((k, v) -> form.append(enc(k)).append('=').append(enc(v)).append('&'));
        form.append("login=").append(enc("ada@example.com")).append("&password=procore&decision=allow");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/oauth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("sign-in answered " + answer.statusCode()));
        return URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    /** POSTs a form; @return the answer's top-level string and number members */
    private static Map<String, String> form(String url, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        String json = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> members = new TreeMap<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))").matcher(json);
        while (m.find()) {
            members.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return members;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @return the body of the flat JSON object {@code name} in {@code json} */
    private static String object(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static int count(String members, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(members);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int sum(String members) {
        int sum = 0;
        Matcher m = Pattern.compile(":\\s*(\\d+)").matcher(members);
        while (m.find()) {
            sum += Integer.parseInt(m.group(1));
        }
        return sum;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
