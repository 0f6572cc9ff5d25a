package io.github.procorecdi.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A faithful local Procore: the OAuth 2.0 authorization server (all three grants, single-use
 * 10-minute codes, 5400 s access tokens, single-use rotating refresh tokens, token info, revocation,
 * RFC 6749 errors) and a slice of the REST API (me, companies, projects) with rate-limit headers and
 * pagination, on a real HTTP server bound to 127.0.0.1.
 *
 * <pre>{@code
 * try (ProcoreSimulator sim = ProcoreSimulator.start()) {      // port 0: any free port
 *     URI login = sim.loginUrl(), api = sim.apiUrl();
 *     sim.faults().failNextApiCalls(1, 429, 2);
 *     ... sim.counters().tokenRequests("client_credentials") ...
 * }
 * }</pre>
 *
 * Run on its own with {@code java -jar procore-cdi-simulator-<version>-all.jar [--port=8089] [fault options]}
 * ({@code --help}); faults can also be set while it runs, through its loopback admin endpoint
 * {@code POST /_simulator/faults?fail-api=3:500}.
 */
public final class ProcoreSimulator implements AutoCloseable {
    /** Client id of the pre-registered web/installed app (authorization code). */
    public static final String WEB_CLIENT_ID = "sim-web-client";
    /** Its client secret (a fake credential of the simulator). */
    public static final String WEB_CLIENT_SECRET = "sim-web-secret";
    /** Client id of the pre-registered Developer Managed Service Account (client credentials). */
    public static final String DMSA_CLIENT_ID = "sim-dmsa-client";
    /** Its client secret (a fake credential of the simulator). */
    public static final String DMSA_CLIENT_SECRET = "sim-dmsa-secret";
    /** Password of every simulator user. */
    public static final String PASSWORD = "procore";

    private static final int MAX_RECORDED = 2_000;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every keep-alive
        // answer waits ~40 ms for a delayed ACK. Read once, when the JDK server's config loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final HttpServer storage;
    private final SimUploads uploads;
    private final ConcurrentLinkedDeque<RecordedRequest> storageRecorded = new ConcurrentLinkedDeque<>();
    private final ExecutorService executor;
    private final OAuthState oauth;
    private final RateLimiter limiter;
    private final SimWebhooks webhooks = new SimWebhooks();
    /** The token of the API request being served on this thread: who made a change, for webhook events. */
    static final ThreadLocal<OAuthState.Token> ACTOR = new ThreadLocal<>();
    private volatile SimData data = newData();
    private final Counters counters = new Counters();
    private final SimActivity activity = new SimActivity();
    private final Faults faults = new Faults();
    private final Map<String, SimClient> clients = new ConcurrentHashMap<>();
    private final Map<String, SimUser> users = new LinkedHashMap<>();
    private final ConcurrentLinkedDeque<RecordedRequest> recorded = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final TokenRequestLog tokenLog = new TokenRequestLog();

    private ProcoreSimulator(int port, Clock clock) throws IOException {
        this.oauth = new OAuthState(clock);
        this.limiter = new RateLimiter(clock);
        registerClient(new SimClient(WEB_CLIENT_ID, WEB_CLIENT_SECRET, false));
        registerClient(new SimClient(DMSA_CLIENT_ID, DMSA_CLIENT_SECRET, true));
        addUser(new SimUser(7001, "ada@example.com", PASSWORD, "Ada Lovelace", List.of(101L, 202L)));
        addUser(new SimUser(7002, "grace@example.com", PASSWORD, "Grace Hopper", List.of(101L)));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "procore-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.createContext("/oauth/", new OAuthHandler(this, oauth));
        server.createContext("/rest/", new ApiHandler(this, oauth, limiter));
        server.createContext("/_simulator/", new AdminHandler(this));
        server.createContext("/", exchange -> Http.send(exchange, 404, "text/plain", "Procore simulator: no such endpoint"));
        server.setExecutor(executor);
        this.uploads = new SimUploads(clock);
        this.storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        storage.createContext("/", new StorageHandler(this, uploads));
        storage.setExecutor(executor);
        server.start();
        storage.start();
    }

    /**
     * Starts a simulator on {@code port} (0: any free port) that keeps its access and refresh tokens
     * in {@code stateFile}, so that tokens it issued stay valid across restarts (installed-app demos).
     */
    public static ProcoreSimulator start(int port, java.nio.file.Path stateFile) {
        ProcoreSimulator sim = start(port);
        try {
            sim.oauth.persistTo(stateFile);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    /** Starts a simulator on a free port of 127.0.0.1. */
    public static ProcoreSimulator start() {
        return start(0);
    }

    /** Starts a simulator on {@code port} of 127.0.0.1 (0: any free port). */
    public static ProcoreSimulator start(int port) {
        try {
            return new ProcoreSimulator(port, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Procore simulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the base URL of its authorization server (configure as {@code login-url}) */
    public URI loginUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** @return the base URL of its API (configure as {@code api-url}) */
    public URI apiUrl() {
        return loginUrl();
    }

    /** @return the base URL of its storage host (its own port, like storage.procore.com), where upload segments go */
    public URI storageUrl() {
        return URI.create("http://127.0.0.1:" + storage.getAddress().getPort());
    }

    /** @return the uploads created, oldest first (at most 1,000) */
    public List<SimUpload> uploads() {
        List<SimUpload> list = new ArrayList<>();
        for (SimUploads.Upload u : uploads.all()) {
            list.add(new SimUpload(u.id, u.companyId, u.projectId, u.fileName, u.fileSize, u.contentType,
                    u.status(java.time.Instant.now(), uploads.availableDelay), u.etags.length));
        }
        return list;
    }

    /** The next {@code count} segment PUTs to the storage host answer {@code status} (e.g. 500, 503) unprocessed. */
    public void failNextSegmentPuts(int count, int status) {
        uploads.segmentFailureStatus = status;
        uploads.failNextSegments.addAndGet(count);
    }

    /** Every presigned segment URL handed out so far and from now on answers 403 "Request has expired". */
    public void expireUploadUrls() {
        uploads.expireUrls = true;
    }

    /** How long a completed upload stays {@code complete} before it is {@code available} (default 300 ms). */
    public void uploadAvailableDelay(Duration delay) {
        uploads.availableDelay = delay;
    }

    /** @return the requests the storage host received, oldest first (the last {@value #MAX_RECORDED}) */
    public List<RecordedRequest> storageRequests() {
        return List.copyOf(new ArrayList<>(storageRecorded));
    }

    private SimData newData() {
        return new SimData().onChange((project, type) -> {
            OAuthState.Token actor = ACTOR.get();
            webhooks.changed(project.company().id(), project.id(), "Projects", project.id(), type,
                    actor == null ? null : actor.userId(), actor == null ? null : actor.clientId());
        });
    }

    SimWebhooks webhookState() {
        return webhooks;
    }

    /** @return every webhook delivery attempt so far, oldest first (the last 2,000) */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /**
     * Webhook retries: the first after {@code firstRetry}, then doubling, at most {@code maxAttempts} attempts in all
     * (defaults 1 s and 6; Procore retries for hours).
     */
    public void webhookRetries(Duration firstRetry, int maxAttempts) {
        webhooks.firstRetry = firstRetry;
        webhooks.maxAttempts = maxAttempts;
    }

    SimUploads uploadState() {
        return uploads;
    }

    void recordStorage(HttpExchange exchange, int status) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        storageRecorded.addLast(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), status, java.time.Instant.now()));
        while (storageRecorded.size() > MAX_RECORDED) {
            storageRecorded.pollFirst();
        }
    }

    /** @return the counters of what it served */
    public Counters counters() {
        return counters;
    }

    /** @return fault injection */
    public Faults faults() {
        return faults;
    }

    /** Registers (or replaces) an OAuth client. */
    public SimClient registerClient(SimClient client) {
        clients.put(client.clientId(), client);
        return client;
    }

    /**
     * Registers exactly these redirect URIs for the web/installed app ({@value #WEB_CLIENT_ID}), like the Developer
     * Portal's list; the authorize page refuses any other. By default any loopback http(s) URI and
     * {@code urn:ietf:wg:oauth:2.0:oob} are accepted. Other clients: {@link SimClient#withRedirectUris}.
     */
    public void registerRedirectUris(String... uris) {
        clients.computeIfPresent(WEB_CLIENT_ID, (id, c) -> c.withRedirectUris(uris));
    }

    /** Access tokens issued from now on live this long (default 5400 s). */
    public void accessTokenLifetime(Duration lifetime) {
        oauth.accessTokenLifetime = lifetime;
    }

    /** Authorization codes issued from now on live this long (default 10 minutes). */
    public void codeLifetime(Duration lifetime) {
        oauth.codeLifetime = lifetime;
    }

    /** Sets the rate limit of every (application, user): {@code limit} requests per {@code window}, starting anew now. */
    public void rateLimit(int limit, Duration window) {
        limiter.configure(limit, window);
    }

    private final java.util.Set<String> disconnected = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The company removes (or never installed) the app: its API calls answer 403 "App is not connected to this company". */
    public void disconnectCompany(long companyId) {
        disconnected.add(Long.toString(companyId));
    }

    /** The company installs the app again. */
    public void connectCompany(long companyId) {
        disconnected.remove(Long.toString(companyId));
    }

    boolean isDisconnected(String companyId) {
        return disconnected.contains(companyId);
    }

    /** Revokes every access and refresh token, as if every user revoked the app. */
    public void revokeAll() {
        oauth.revokeAll();
    }

    /** Makes every access token expired now; refresh tokens stay usable. */
    public void expireAccessTokens() {
        oauth.expireAll();
    }

    /** @return how many refresh tokens can still be redeemed */
    public int liveRefreshTokens() {
        return oauth.liveRefreshTokens();
    }

    /** @return the API requests served, oldest first (the last {@value #MAX_RECORDED}) */
    public List<RecordedRequest> apiRequests() {
        return List.copyOf(new ArrayList<>(recorded));
    }

    /**
     * @return the {@code POST /oauth/token} requests served, oldest first (the last {@value TokenRequestLog#MAX}), with their
     *         {@code User-Agent} and the instants they arrived and were answered; also {@code GET /_simulator/token-requests}.
     *         A request is listed once its answer is sent: {@link #awaitIdle(Duration)} first to see the last ones.
     */
    public List<RecordedTokenRequest> tokenRequests() {
        return tokenLog.list();
    }

    TokenRequestLog tokenLog() {
        return tokenLog;
    }

    /** @return the last API request served, or {@code null} */
    public RecordedRequest lastApiRequest() {
        return recorded.peekLast();
    }

    /**
     * Clears counters, faults, recorded requests and created projects, and restores the default rate limit
     * (3600 per hour), access-token lifetime (5400 s) and code lifetime (10 minutes). Issued tokens stay valid.
     */
    public void reset() {
        disconnected.clear();
        counters.reset();
        faults.reset();
        recorded.clear();
        tokenLog.reset();
        activity.reset();
        storageRecorded.clear();
        uploads.reset();
        webhooks.reset();
        data = newData();
        limiter.configure(3600, Duration.ofHours(1));
        oauth.accessTokenLifetime = Duration.ofSeconds(5400);
        oauth.codeLifetime = Duration.ofMinutes(10);
    }

    /**
     * Waits until no request is being served (e.g. after {@link #reset()} woke delayed ones), at most {@code timeout}.
     *
     * @return whether the simulator is idle
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    void begin() {
        inFlight.incrementAndGet();
    }

    void end() {
        inFlight.decrementAndGet();
    }

    @Override
    public void close() {
        webhooks.close();
        server.stop(0);
        storage.stop(0);
        executor.shutdownNow();
    }

    SimClient client(String id) {
        return id == null ? null : clients.get(id);
    }

    SimUser user(String login) {
        return login == null ? null : users.get(login.toLowerCase(Locale.ROOT));
    }

    SimUser user(long id) {
        return users.values().stream().filter(u -> u.id() == id).findFirst().orElse(null);
    }

    SimData data() {
        return data;
    }

    void record(HttpExchange exchange, int status, java.time.Instant receivedAt) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        recorded.addLast(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), status, receivedAt));
        while (recorded.size() > MAX_RECORDED) {
            recorded.pollFirst();
        }
        counters.apiStatus(status);
        activity.count(exchange.getRequestMethod(), SimActivity.template(exchange.getRequestURI().getPath()), status, receivedAt);
    }

    /**
     * Procore's API Call Activity Report of what the simulator served (since start or {@link #reset()}; the last 30
     * days): {@code Date,Response Code,HTTP Method,Normalized Route,Count}, sorted by date, route, method, code. Also
     * {@code GET /_simulator/activity.csv} (loopback only).
     */
    public String activityReport() {
        return activity.csv();
    }

    /**
     * Answers of {@code method} on {@code template} (as the activity report names it, e.g. {@code /rest/v1.0/companies})
     * carry {@code Deprecation} and {@code Sunset} headers from now on (until {@link #reset()}): a deprecated endpoint.
     */
    public void deprecateEndpoint(String method, String template) {
        activity.deprecate(method, template);
    }

    SimActivity activity() {
        return activity;
    }

    private void addUser(SimUser user) {
        users.put(user.login(), user);
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
            sim = stateFile == null ? start(port) : start(port, stateFile);
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
        out.println("  web / installed app:  client-id=" + WEB_CLIENT_ID + "  client-secret=" + WEB_CLIENT_SECRET);
        out.println("  service account:      client-id=" + DMSA_CLIENT_ID + "  client-secret=" + DMSA_CLIENT_SECRET);
        out.println("  users: ada@example.com, grace@example.com (password " + PASSWORD + ")");
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
