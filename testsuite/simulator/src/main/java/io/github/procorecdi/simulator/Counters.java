package io.github.procorecdi.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulator served, counted. Thread-safe; {@link #reset()} zeroes everything. */
public final class Counters {
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> apiStatuses = new ConcurrentHashMap<>();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final AtomicInteger tokenInfoRequests = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private final AtomicInteger authorizeRequests = new AtomicInteger();

    void tokenRequest(String grantType) {
        tokenRequests.computeIfAbsent(String.valueOf(grantType), k -> new AtomicInteger()).incrementAndGet();
    }

    private final Map<String, AtomicInteger> tokenErrors = new ConcurrentHashMap<>();

    void tokenError(String error) {
        tokenErrors.computeIfAbsent(error, k -> new AtomicInteger()).incrementAndGet();
    }

    /** @return token requests answered with this RFC 6749 {@code error}, e.g. {@code invalid_grant} */
    public int tokenErrors(String error) {
        AtomicInteger n = tokenErrors.get(error);
        return n == null ? 0 : n.get();
    }

    void apiRequest() {
        apiRequests.incrementAndGet();
    }

    void apiStatus(int status) {
        apiStatuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
    }

    void tokenInfo() {
        tokenInfoRequests.incrementAndGet();
    }

    void revocation() {
        revocations.incrementAndGet();
    }

    void authorize() {
        authorizeRequests.incrementAndGet();
    }

    /** @return {@code POST /oauth/token} requests with this {@code grant_type} (answered or not) */
    public int tokenRequests(String grantType) {
        AtomicInteger n = tokenRequests.get(grantType);
        return n == null ? 0 : n.get();
    }

    /** @return all {@code POST /oauth/token} requests */
    public int tokenRequests() {
        return tokenRequests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return requests to {@code /rest/...} */
    public int apiRequests() {
        return apiRequests.get();
    }

    /** @return API answers with this status */
    public int apiResponses(int status) {
        AtomicInteger n = apiStatuses.get(status);
        return n == null ? 0 : n.get();
    }

    /** @return {@code GET /oauth/token/info} requests */
    public int tokenInfoRequests() {
        return tokenInfoRequests.get();
    }

    /** @return {@code POST /oauth/revoke} requests */
    public int revocations() {
        return revocations.get();
    }

    /** @return {@code GET /oauth/authorize} requests */
    public int authorizeRequests() {
        return authorizeRequests.get();
    }

    /** Zeroes every counter. */
    public void reset() {
        tokenErrors.clear();
        tokenRequests.clear();
        apiStatuses.clear();
        apiRequests.set(0);
        tokenInfoRequests.set(0);
        revocations.set(0);
        authorizeRequests.set(0);
    }

    /** @return every counter as JSON, for the admin endpoint */
    jakarta.json.JsonObject json() {
        jakarta.json.JsonObjectBuilder tokens = jakarta.json.Json.createObjectBuilder();
        new java.util.TreeMap<>(tokenRequests).forEach((k, v) -> tokens.add(k, v.get()));
        jakarta.json.JsonObjectBuilder errors = jakarta.json.Json.createObjectBuilder();
        new java.util.TreeMap<>(tokenErrors).forEach((k, v) -> errors.add(k, v.get()));
        jakarta.json.JsonObjectBuilder statuses = jakarta.json.Json.createObjectBuilder();
        new java.util.TreeMap<>(apiStatuses).forEach((k, v) -> statuses.add(String.valueOf(k), v.get()));
        return jakarta.json.Json.createObjectBuilder().add("token_requests", tokens).add("token_errors", errors)
                .add("api_requests", apiRequests.get()).add("api_statuses", statuses)
                .add("token_info_requests", tokenInfoRequests.get()).add("revocations", revocations.get())
                .add("authorize_requests", authorizeRequests.get()).build();
    }

    @Override
    public String toString() {
        return "Counters[token=" + tokenRequests + ", api=" + apiRequests + ", statuses=" + apiStatuses + ", info="
                + tokenInfoRequests + ", revoke=" + revocations + "]";
    }
}
