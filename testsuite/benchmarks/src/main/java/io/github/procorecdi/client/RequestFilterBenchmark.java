package io.github.procorecdi.client;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.benchmarks.TokenHotPathBenchmark;
import io.github.procorecdi.health.ActivityClock;
import io.github.procorecdi.health.ApiRoute;
import io.github.procorecdi.health.ApiRoutes;
import io.github.procorecdi.health.ConnectionActivity;
import io.github.procorecdi.store.MemoryTokenStore;
import io.github.procorecdi.token.TokenManager;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * procore-cdi's request filter (a synchronous call's context filled as the invocation handler fills it, a cached
 * service-account token) against a filter that sets the same three headers to constants: what procore-cdi adds to
 * every request. Both start from an empty header map per operation. Run with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestFilterBenchmark {
    private final Request request = new Request();
    private ProcoreRequestFilter procore;
    private ClientRequestFilter constant;
    private final Object owner = new Object();
    private final ApiRoute route = ApiRoutes.of("GET", "/rest/v1.0/projects/{id}", false);
    /** The invocation handler reads {@code System.nanoTime()} per call anyway (the retry rules' time bound). */
    private final long nanos = System.nanoTime();
    private final Answer response = new Answer();
    private ProcoreResponseFilter responseFilter;
    private final ConnectionActivity activity = new ConnectionActivity(new ActivityClock(Clock.systemUTC()));

    @Setup
    public void setUp() {
        TokenManager tokens = TokenManager.builder("dmsa").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(new TokenHotPathBenchmark.LocalGrants()).store(MemoryTokenStore::new)
                .authorizationUri(() -> null).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        Subjects subjects = new Subjects("dmsa", GrantType.CLIENT_CREDENTIALS, () -> null, () -> false);
        NotConnectedCompanies notConnected = new NotConnectedCompanies("dmsa", Duration.ofMinutes(5), Clock.systemUTC());
        io.github.procorecdi.config.ConnectionConfig config = io.github.procorecdi.config.ConnectionConfig.builder("dmsa")
                .grantType(GrantType.CLIENT_CREDENTIALS).client("bench-client", "bench-secret").companyId("101").userAgent("procore-cdi/bench")
                .build();
        ClientServices shared = ClientServices.builder(config).tokens(tokens, subjects).pacing(null, notConnected).build();
        procore = new ProcoreRequestFilter(owner, ClientScope.NONE, shared);
        responseFilter = new ProcoreResponseFilter(owner, new RateLimitPacer("dmsa", Clock.systemUTC(), RateLimitPacer.MAX_WAIT,
                io.github.procorecdi.telemetry.ConnectionMetrics.NONE), activity, new RecentSubjects());
        String header = tokens.authorizationHeader(Subjects.SERVICE_ACCOUNT);
        constant = r -> {
            MultivaluedMap<String, Object> h = r.getHeaders();
            h.putSingle(HttpHeaders.AUTHORIZATION, header);
            if (!h.containsKey(ProcoreRequestFilter.COMPANY_HEADER)) {
                h.putSingle(ProcoreRequestFilter.COMPANY_HEADER, "101");
            }
            if (!h.containsKey(HttpHeaders.USER_AGENT)) {
                h.putSingle(HttpHeaders.USER_AGENT, "procore-cdi/bench");
            }
        };
    }

    /**
     * What the invocation handler does per synchronous call around the filter: the thread's home context taken from
     * {@link CallContextPool}, filled for the attempt, and cleared and given back (the thread keeps nothing of the call).
     */
    @Benchmark
    public Object procoreFilter() {
        request.headers.clear();
        CallContext call = CallContextPool.enter();
        call.begin(owner, Subjects.SERVICE_ACCOUNT, "101", route, nanos);
        try {
            procore.filter(request);
        } finally {
            call.end();
            CallContextPool.exit(call);
        }
        return request.headers;
    }

    /**
     * The request filter, then the response filter on a 200 answer that carries the rate-limit headers: with the
     * counting of the call for integration health (its day, code, method, route and company).
     */
    @Benchmark
    public Object procoreFilters() {
        request.headers.clear();
        CallContext call = CallContextPool.enter();
        call.begin(owner, Subjects.SERVICE_ACCOUNT, "101", route, nanos);
        try {
            procore.filter(request);
            responseFilter.filter(request, response);
        } finally {
            call.end();
            CallContextPool.exit(call);
        }
        return request.headers;
    }

    /** The response filter alone (what reading the rate-limit headers and counting the call cost). */
    @Benchmark
    public Object procoreResponseFilter() {
        CallContext call = CallContextPool.enter();
        call.begin(owner, Subjects.SERVICE_ACCOUNT, "101", route, nanos);
        call.companySent = "101";
        try {
            responseFilter.filter(request, response);
        } finally {
            call.end();
            CallContextPool.exit(call);
        }
        return call;
    }

    /** The counting alone: what integration health adds to each answer (its day, code, route, company and marks). */
    @Benchmark
    public Object countCall() {
        activity.record("101", route, 200, false, nanos);
        return activity;
    }

    /** Not a filter: what one read of the system clock costs here (the filter makes none while a token is fresh). */
    @Benchmark
    public long clockRead() {
        return System.currentTimeMillis();
    }

    @Benchmark
    public Object constantHeadersFilter() throws Exception {
        request.headers.clear();
        constant.filter(request);
        return request.headers;
    }

    /** Just enough of a request for header filters. */
    static final class Request implements ClientRequestContext {
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        @Override public MultivaluedMap<String, Object> getHeaders() { return headers; }
        @Override public Object getProperty(String name) { return null; }
        @Override public Collection<String> getPropertyNames() { return List.of(); }
        @Override public void setProperty(String name, Object object) { }
        @Override public void removeProperty(String name) { }
        @Override public URI getUri() { return URI.create("http://127.0.0.1/"); }
        @Override public void setUri(URI uri) { }
        @Override public String getMethod() { return "GET"; }
        @Override public void setMethod(String method) { }
        @Override public MultivaluedMap<String, String> getStringHeaders() { throw new UnsupportedOperationException(); }
        @Override public String getHeaderString(String name) { return null; }
        @Override public Date getDate() { return null; }
        @Override public Locale getLanguage() { return null; }
        @Override public MediaType getMediaType() { return null; }
        @Override public List<MediaType> getAcceptableMediaTypes() { return List.of(); }
        @Override public List<Locale> getAcceptableLanguages() { return List.of(); }
        @Override public Map<String, Cookie> getCookies() { return Map.of(); }
        @Override public boolean hasEntity() { return false; }
        @Override public Object getEntity() { return null; }
        @Override public Class<?> getEntityClass() { return null; }
        @Override public Type getEntityType() { return null; }
        @Override public void setEntity(Object entity) { }
        @Override public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) { }
        @Override public Annotation[] getEntityAnnotations() { return new Annotation[0]; }
        @Override public OutputStream getEntityStream() { return null; }
        @Override public void setEntityStream(OutputStream outputStream) { }
        @Override public Client getClient() { return null; }
        @Override public Configuration getConfiguration() { return null; }
        @Override public void abortWith(Response response) { }
    }

    /** A 200 answer with Procore's rate-limit headers (as every answer has them). */
    static final class Answer implements ClientResponseContext {
        final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();

        Answer() {
            headers.putSingle("X-Rate-Limit-Limit", "3600");
            headers.putSingle("X-Rate-Limit-Remaining", "3500");
            headers.putSingle("X-Rate-Limit-Reset", "1773500000");
        }

        @Override public int getStatus() { return 200; }
        @Override public void setStatus(int code) { }
        @Override public jakarta.ws.rs.core.Response.StatusType getStatusInfo() { return jakarta.ws.rs.core.Response.Status.OK; }
        @Override public void setStatusInfo(jakarta.ws.rs.core.Response.StatusType statusInfo) { }
        @Override public MultivaluedMap<String, String> getHeaders() { return headers; }
        @Override public String getHeaderString(String name) { return headers.getFirst(name); }
        @Override public java.util.Set<String> getAllowedMethods() { return java.util.Set.of(); }
        @Override public Date getDate() { return null; }
        @Override public Locale getLanguage() { return null; }
        @Override public int getLength() { return -1; }
        @Override public MediaType getMediaType() { return null; }
        @Override public Map<String, jakarta.ws.rs.core.NewCookie> getCookies() { return Map.of(); }
        @Override public jakarta.ws.rs.core.EntityTag getEntityTag() { return null; }
        @Override public Date getLastModified() { return null; }
        @Override public URI getLocation() { return null; }
        @Override public java.util.Set<jakarta.ws.rs.core.Link> getLinks() { return java.util.Set.of(); }
        @Override public boolean hasLink(String relation) { return false; }
        @Override public jakarta.ws.rs.core.Link getLink(String relation) { return null; }
        @Override public jakarta.ws.rs.core.Link.Builder getLinkBuilder(String relation) { return null; }
        @Override public boolean hasEntity() { return false; }
        @Override public java.io.InputStream getEntityStream() { return null; }
        @Override public void setEntityStream(java.io.InputStream input) { }
    }
}
