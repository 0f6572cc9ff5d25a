package io.github.procorecdi.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Recent<RecordedRequest> storageRecorded = new Recent<>();
    private final ExecutorService executor;
    private final OAuthState oauth;
    private final RateLimiter limiter;
    private final SimWebhooks webhooks = new SimWebhooks();
    private volatile SimData data = webhooks.newData();
    private final Counters counters = new Counters();
    private final SimActivity activity = new SimActivity();
    private final Faults faults = new Faults();
    private final Map<String, SimClient> clients = new ConcurrentHashMap<>();
    private final Map<String, SimUser> users = new LinkedHashMap<>();
    private final Recent<RecordedRequest> recorded = new Recent<>();
    private final InFlight inFlight = new InFlight();
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
        return uploads.snapshot();
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

    /** @return the requests the storage host received, oldest first (the last {@value Recent#MAX}) */
    public List<RecordedRequest> storageRequests() {
        return storageRecorded.list();
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
        storageRecorded.add(RecordedRequest.of(exchange, status, java.time.Instant.now()));
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

    /** @return the API requests served, oldest first (the last {@value Recent#MAX}) */
    public List<RecordedRequest> apiRequests() {
        return recorded.list();
    }

    /**
     * @return the {@code POST /oauth/token} requests served, oldest first (the last {@value Recent#MAX}), with their
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
        return recorded.last();
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
        tokenLog.clear();
        activity.reset();
        storageRecorded.clear();
        uploads.reset();
        webhooks.reset();
        data = webhooks.newData();
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
        return inFlight.awaitIdle(timeout);
    }

    void begin() {
        inFlight.begin();
    }

    void end() {
        inFlight.end();
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
        recorded.add(RecordedRequest.of(exchange, status, receivedAt));
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

    /** Runs a simulator until the process is stopped; {@code --help} lists the options (see {@link SimulatorCommand}). */
    public static void main(String[] args) throws InterruptedException {
        SimulatorCommand.main(args);
    }
}
