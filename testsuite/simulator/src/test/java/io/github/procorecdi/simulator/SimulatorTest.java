package io.github.procorecdi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** The simulator behaves like Procore's documented OAuth and API behaviour. */
class SimulatorTest {
    private static final String REDIRECT = "http://localhost:8080/callback";
    private ProcoreSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        sim = ProcoreSimulator.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void authorizationCodeIsSingleUseAndBoundToItsRedirectUri() throws Exception {
        String code = authorize("ada@example.com", REDIRECT, "s1");
        HttpResponse<String> wrongRedirect = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://localhost:9999/other"), true);
        assertThat(wrongRedirect.statusCode()).isEqualTo(400);
        assertThat(json(wrongRedirect).getString("error")).isEqualTo("invalid_grant");

        String code2 = authorize("ada@example.com", REDIRECT, "s2");
        HttpResponse<String> first = token(Map.of("grant_type", "authorization_code", "code", code2, "redirect_uri", REDIRECT), true);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject pair = json(first);
        assertThat(pair.getString("token_type")).isEqualToIgnoringCase("bearer");
        assertThat(pair.getInt("expires_in")).isEqualTo(5400);
        assertThat(pair.containsKey("refresh_token")).isTrue();
        assertThat(pair.getJsonNumber("created_at").longValue()).isPositive();

        HttpResponse<String> again = token(Map.of("grant_type", "authorization_code", "code", code2, "redirect_uri", REDIRECT), true);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void expiredCodeIsRefused() throws Exception {
        sim.codeLifetime(Duration.ofMillis(1));
        String code = authorize("ada@example.com", REDIRECT, "s");
        Thread.sleep(20);
        HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), true);
        assertThat(json(r).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void refreshTokensRotateAndAreSingleUse() throws Exception {
        JsonObject pair = exchange("ada@example.com");
        String refresh1 = pair.getString("refresh_token");

        JsonObject pair2 = json(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1, "redirect_uri", REDIRECT), true));
        assertThat(pair2.getString("refresh_token")).isNotEqualTo(refresh1);
        assertThat(pair2.getString("access_token")).isNotEqualTo(pair.getString("access_token"));

        HttpResponse<String> reuse = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1), true);
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aLostRefreshResponseStillSpendsTheRefreshToken() throws Exception {
        String refresh = exchange("ada@example.com").getString("refresh_token");
        sim.faults().loseNextTokenResponses(1);
        try {
            token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), true);
            org.assertj.core.api.Assertions.fail("the response should have been lost");
        } catch (IOException expected) {
            // connection closed without an answer
        }
        HttpResponse<String> retry = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), true);
        assertThat(json(retry).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void theActivityReportCountsWhatWasServedByRouteTemplateAndDeprecatedEndpointsSayso() throws Exception {
        String token = json(token(Map.of("grant_type", "client_credentials"), false)).getString("access_token");
        sim.deprecateEndpoint("GET", "/rest/v1.0/companies");
        assertThat(get("/rest/v1.0/projects?company_id=101", token, "101").statusCode()).isEqualTo(200);
        assertThat(get("/rest/v1.0/projects?company_id=101", token, "101").statusCode()).isEqualTo(200);
        assertThat(get("/rest/v1.0/projects/424242", token, "101").statusCode()).isEqualTo(404);
        assertThat(get("/rest/v1.0/projects/424243", "not-a-token", "101").statusCode()).isEqualTo(401);
        assertThat(get("/rest/v1.0/nowhere/1", token, "101").statusCode()).isEqualTo(404);
        HttpResponse<String> deprecated = get("/rest/v1.0/companies", token, "101");
        assertThat(deprecated.headers().firstValue("Deprecation")).isPresent();
        assertThat(deprecated.headers().firstValue("Sunset")).isPresent();
        assertThat(get("/rest/v1.0/projects?company_id=101", token, "101").headers().firstValue("Deprecation")).isEmpty();
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String expected = "Date,Response Code,HTTP Method,Normalized Route,Count\n"
                + day + ",200,GET,/rest/v1.0/companies,1\n"
                + day + ",200,GET,/rest/v1.0/projects,3\n"
                + day + ",401,GET,/rest/v1.0/projects/{id},1\n"
                + day + ",404,GET,/rest/v1.0/projects/{id},1\n"
                + day + ",404,GET,other,1\n";
        assertThat(sim.activityReport()).isEqualTo(expected);
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/_simulator/activity.csv")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo(expected);
        sim.reset();
        assertThat(sim.activityReport()).isEqualTo("Date,Response Code,HTTP Method,Normalized Route,Count\n");
    }

    /** Per-node counts come from here (each node its own User-Agent), and the instants the token endpoint was busy. */
    @Test
    void tokenRequestsAreLoggedWithTheirUserAgentStatusAndWhenTheyWereBusy() throws Exception {
        sim.faults().tokenDelay(Duration.ofMillis(200));
        java.time.Instant before = java.time.Instant.now();
        String body = "grant_type=client_credentials&client_id=" + ProcoreSimulator.DMSA_CLIENT_ID + "&client_secret="
                + ProcoreSimulator.DMSA_CLIENT_SECRET;
        for (String agent : new String[] {"node-a", "node-b", "node-a"}) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/oauth/token")).header("User-Agent", agent)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        sim.faults().tokenDelay(Duration.ZERO);
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", "spent"), true).statusCode()).isEqualTo(400);
        assertThat(sim.awaitIdle(Duration.ofSeconds(10))).as("each request is logged once its answer is sent").isTrue();
        java.util.List<RecordedTokenRequest> log = sim.tokenRequests();
        assertThat(log).extracting(RecordedTokenRequest::userAgent).startsWith("node-a", "node-b", "node-a");
        assertThat(log).extracting(RecordedTokenRequest::grantType)
                .containsExactly("client_credentials", "client_credentials", "client_credentials", "refresh_token");
        assertThat(log).extracting(RecordedTokenRequest::status).containsExactly(200, 200, 200, 400);
        assertThat(log.subList(0, 3)).allSatisfy(r -> {
            assertThat(r.receivedAt()).isAfterOrEqualTo(before);
            assertThat(Duration.between(r.receivedAt(), r.answeredAt())).as("the token delay is inside the window")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        });
        assertThat(log.toString()).doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET).doesNotContain("spent");

        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/_simulator/token-requests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(200);
        JsonArray listed = Json.createReader(new StringReader(admin.body())).readArray();
        assertThat(listed).hasSize(4);
        JsonObject first = listed.getJsonObject(0);
        assertThat(first.getString("user_agent")).isEqualTo("node-a");
        assertThat(first.getJsonNumber("answered_at_micros").longValue() - first.getJsonNumber("received_at_micros").longValue())
                .isGreaterThanOrEqualTo(200_000);
        assertThat(first.getJsonNumber("received_at_micros").longValue() / 1_000).isEqualTo(log.get(0).receivedAt().toEpochMilli());
        sim.reset();
        assertThat(sim.tokenRequests()).isEmpty();
    }

    @Test
    void clientCredentialsOnlyForServiceAccountsAndWithoutRefreshToken() throws Exception {
        JsonObject dmsa = json(token(Map.of("grant_type", "client_credentials"), false));
        assertThat(dmsa.containsKey("refresh_token")).isFalse();
        assertThat(dmsa.getString("access_token")).isNotBlank();

        HttpResponse<String> web = token(Map.of("grant_type", "client_credentials"), true);
        assertThat(web.statusCode()).isEqualTo(400);
        assertThat(json(web).getString("error")).isEqualTo("unauthorized_client");
    }

    @Test
    void wrongSecretIsInvalidClient() throws Exception {
        HttpResponse<String> r = post("/oauth/token", Map.of("grant_type", "client_credentials",
                "client_id", ProcoreSimulator.DMSA_CLIENT_ID, "client_secret", "wrong"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void tokenInfoAndRevocationOfBothTokens() throws Exception {
        JsonObject pair = exchange("grace@example.com");
        String access = pair.getString("access_token");
        HttpResponse<String> info = get("/oauth/token/info", access, null);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info).getInt("resource_owner_id")).isEqualTo(7002);
        assertThat(json(info).getJsonObject("application").getString("uid")).isEqualTo(ProcoreSimulator.WEB_CLIENT_ID);

        HttpResponse<String> revoke = post("/oauth/revoke", Map.of("token", access, "client_id", ProcoreSimulator.WEB_CLIENT_ID,
                "client_secret", ProcoreSimulator.WEB_CLIENT_SECRET));
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(get("/rest/v1.0/me", access, null).statusCode()).isEqualTo(401);
        HttpResponse<String> refresh = token(Map.of("grant_type", "refresh_token", "refresh_token", pair.getString("refresh_token")), true);
        assertThat(json(refresh).getString("error")).isEqualTo("invalid_grant");

        HttpResponse<String> unknown = post("/oauth/revoke", Map.of("token", "no-such-token", "client_id", ProcoreSimulator.WEB_CLIENT_ID,
                "client_secret", ProcoreSimulator.WEB_CLIENT_SECRET));
        assertThat(unknown.statusCode()).isEqualTo(200);
    }

    @Test
    void apiNeedsAValidTokenAndCompanyHeaderAndPaginates() throws Exception {
        String access = exchange("ada@example.com").getString("access_token");
        assertThat(get("/rest/v1.0/me", "nope", null).statusCode()).isEqualTo(401);

        HttpResponse<String> me = get("/rest/v1.0/me", access, null);
        assertThat(json(me).getString("login")).isEqualTo("ada@example.com");
        assertThat(me.headers().firstValue("X-Rate-Limit-Limit")).contains("3600");
        assertThat(me.headers().firstValue("X-Rate-Limit-Remaining")).contains("3599");
        assertThat(me.headers().firstValue("X-Rate-Limit-Reset")).isPresent();

        assertThat(get("/rest/v1.0/projects?company_id=202", access, null).statusCode()).isEqualTo(400);

        HttpResponse<String> page = get("/rest/v1.0/projects?company_id=202&per_page=100&page=2", access, "202");
        assertThat(page.statusCode()).isEqualTo(200);
        JsonArray items = Json.createReader(new StringReader(page.body())).readArray();
        assertThat(items).hasSize(100);
        assertThat(items.getJsonObject(0).getString("name")).isEqualTo("Tower Block 101");
        assertThat(page.headers().firstValue("Total")).contains("250");
        assertThat(page.headers().firstValue("Per-Page")).contains("100");
        String link = page.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("page=3>; rel=\"next\"").contains("page=1>; rel=\"prev\"").contains("page=3>; rel=\"last\"");

        HttpResponse<String> last = get("/rest/v1.0/projects?company_id=202&per_page=100&page=3", access, "202");
        assertThat(last.headers().firstValue("Link").orElseThrow()).doesNotContain("rel=\"next\"");
        assertThat(Json.createReader(new StringReader(last.body())).readArray()).hasSize(50);

        String grace = exchange("grace@example.com").getString("access_token");
        assertThat(get("/rest/v1.0/projects?company_id=202", grace, "202").statusCode()).isEqualTo(403);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterOnceExhausted() throws Exception {
        sim.rateLimit(2, Duration.ofMinutes(1));
        String access = json(token(Map.of("grant_type", "client_credentials"), false)).getString("access_token");
        assertThat(get("/rest/v1.0/me", access, "101").statusCode()).isEqualTo(200);
        HttpResponse<String> second = get("/rest/v1.0/me", access, "101");
        assertThat(second.headers().firstValue("X-Rate-Limit-Remaining")).contains("0");
        HttpResponse<String> third = get("/rest/v1.0/me", access, "101");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    void faultInjectionAndCounters() throws Exception {
        String access = json(token(Map.of("grant_type", "client_credentials"), false)).getString("access_token");
        sim.faults().failNextApiCalls(1, 503, 7);
        HttpResponse<String> r = get("/rest/v1.0/me", access, "101");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        assertThat(get("/rest/v1.0/me", access, "101").statusCode()).isEqualTo(200);
        assertThat(sim.counters().apiRequests()).isEqualTo(2);
        assertThat(sim.counters().apiResponses(503)).isEqualTo(1);
        assertThat(sim.counters().tokenRequests("client_credentials")).isEqualTo(1);
        assertThat(sim.lastApiRequest().header("authorization")).isEqualTo("Bearer " + access);
    }

    @Test
    void outOfBandAuthorizationShowsTheCodeOnAPage() throws Exception {
        HttpResponse<String> page = submitLogin("ada@example.com", ProcoreSimulator.PASSWORD, "urn:ietf:wg:oauth:2.0:oob", null, "allow");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<code id=\"auth-code\">([^<]+)</code>").matcher(page.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", m.group(1),
                "redirect_uri", "urn:ietf:wg:oauth:2.0:oob"), true);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void deniedAuthorizationRedirectsWithAccessDenied() throws Exception {
        HttpResponse<String> r = submitLogin("ada@example.com", ProcoreSimulator.PASSWORD, REDIRECT, "xyz", "deny");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?error=access_denied").endsWith("&state=xyz");
    }

    @Test
    void aPersistentSimulatorHonoursItsRefreshTokensAfterARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        sim.close();
        java.nio.file.Path state = dir.resolve("state.json");
        sim = ProcoreSimulator.start(0, state);
        String refresh = exchange("ada@example.com").getString("refresh_token");
        sim.close();

        sim = ProcoreSimulator.start(0, state);
        HttpResponse<String> r = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), true);
        assertThat(r.statusCode()).isEqualTo(200);
        sim.close();

        sim = ProcoreSimulator.start(0, state);
        assertThat(json(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), true)).getString("error"))
                .as("still single-use across restarts").isEqualTo("invalid_grant");
    }

    @Test
    void aServiceAccountMustNameTheCompanyEvenOnMeAndCompanies() throws Exception {
        String dmsa = json(token(Map.of("grant_type", "client_credentials"), false)).getString("access_token");
        for (String path : new String[] {"/rest/v1.0/me", "/rest/v1.0/companies"}) {
            HttpResponse<String> refused = get(path, dmsa, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(json(refused).getString("errors")).isEqualTo("Missing Procore-Company-Id header!");
            assertThat(get(path, dmsa, "101").statusCode()).as(path).isEqualTo(200);
        }
        String user = exchange("ada@example.com").getString("access_token");
        assertThat(get("/rest/v1.0/me", user, null).statusCode()).as("a user's token may omit it there").isEqualTo(200);
        assertThat(get("/rest/v1.0/companies", user, null).statusCode()).isEqualTo(200);
        assertThat(get("/rest/v1.0/projects?company_id=101", user, null).statusCode()).as("but nowhere else").isEqualTo(400);
    }

    @Test
    void redirectUrisAreCheckedAgainstTheClientsRegisteredList() throws Exception {
        String registered = "https://app.example.com/procore/callback";
        sim.registerRedirectUris(registered);
        HttpResponse<String> other = get("/oauth/authorize?response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT) + "&state=s", null, null);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("redirect_uri is not registered");
        HttpResponse<String> ok = get("/oauth/authorize?response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID
                + "&redirect_uri=" + enc(registered) + "&state=s", null, null);
        assertThat(ok.statusCode()).isEqualTo(200);

        sim.registerClient(new SimClient("second-app", "second-secret", false).withRedirectUris("https://second.example.com/cb"));
        HttpResponse<String> crossed = get("/oauth/authorize?response_type=code&client_id=second-app&redirect_uri=" + enc(registered)
                + "&state=s", null, null);
        assertThat(crossed.statusCode()).as("another client's URI").isEqualTo(400);
    }

    @Test
    void commandLineOptionsAndTheAdminEndpointSetFaults() throws Exception {
        java.util.List<SimulatorOptions.Option> options = SimulatorOptions.parse(new String[] {
                "--port=0", "--fail-api", "2:500", "--disconnect=202", "--token-lifetime=PT2S"});
        assertThat(SimulatorOptions.value(options, "port", "8089")).isEqualTo("0");
        assertThat(SimulatorOptions.apply(sim, options)).isEmpty();
        JsonObject pair = json(token(Map.of("grant_type", "client_credentials"), false));
        assertThat(pair.getInt("expires_in")).isEqualTo(2);
        String access = pair.getString("access_token");
        assertThat(get("/rest/v1.0/me", access, "101").statusCode()).isEqualTo(500);
        assertThat(get("/rest/v1.0/me", access, "101").statusCode()).isEqualTo(500);
        assertThat(get("/rest/v1.0/me", access, "101").statusCode()).isEqualTo(200);
        HttpResponse<String> disconnected = get("/rest/v1.0/me", access, "202");
        assertThat(disconnected.statusCode()).isEqualTo(403);
        assertThat(json(disconnected).getString("errors")).isEqualTo("App is not connected to this company");

        assertThat(SimulatorOptions.apply(sim, java.util.List.of(new SimulatorOptions.Option("fail-api", "x"),
                new SimulatorOptions.Option("nope", "1"), new SimulatorOptions.Option("fail-api", "1:200"))))
                .hasSize(3).anySatisfy(p -> assertThat(p).startsWith("nope=1: unknown option"))
                .anySatisfy(p -> assertThat(p).contains("400-599"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--port"}))
                .hasMessageContaining("--port needs a value");

        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/_simulator/faults?fail-api=1:429:3&connect=202"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get("/rest/v1.0/me", access, "202");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(get("/rest/v1.0/me", access, "202").statusCode()).as("connected again").isEqualTo(200);

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/_simulator/faults?api-delay=forever"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("api-delay=forever");
        HttpResponse<String> counters = get("/_simulator/counters", null, null);
        assertThat(json(counters).getJsonObject("api_statuses").getInt("500")).isEqualTo(2);
        assertThat(json(counters).getJsonObject("token_requests").getInt("client_credentials")).isEqualTo(1);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/_simulator/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(sim.counters().apiRequests()).isZero();
        assertThat(SimulatorOptions.HELP).contains("--fail-api", "--port", "/_simulator/faults");
    }

    @Test
    void uploadsCheckEverySegmentAndTheStorageHostRefusesOurHeaders() throws Exception {
        String dmsa = json(token(Map.of("grant_type", "client_credentials"), false)).getString("access_token");
        byte[] part1 = "first segment ".getBytes(StandardCharsets.UTF_8);
        byte[] part2 = "and the second".getBytes(StandardCharsets.UTF_8);
        java.security.MessageDigest whole = java.security.MessageDigest.getInstance("SHA-256");
        whole.update(part1);
        whole.update(part2);
        JsonObject request = Json.createObjectBuilder().add("file_name", "a.txt").add("file_size", part1.length + part2.length)
                .add("content_type", "text/plain").add("sha256", java.util.HexFormat.of().formatHex(whole.digest()))
                .add("segments", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("size", part1.length).add("sha256", sha(part1)))
                        .add(Json.createObjectBuilder().add("size", part2.length).add("sha256", sha(part2)))).build();
        String base = "/rest/v2.1/companies/101/projects/1001/uploads";
        HttpResponse<String> created = send("POST", base, dmsa, "101", request.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject data = json(created).getJsonObject("data");
        assertThat(data.getString("status")).isEqualTo("ready");
        String id = data.getString("upload_id");
        JsonArray segments = data.getJsonArray("segments");
        assertThat(segments).hasSize(2);
        URI url1 = URI.create(segments.getJsonObject(0).getString("url"));
        assertThat(url1.getPort()).as("a storage host of its own").isEqualTo(sim.storageUrl().getPort()).isNotEqualTo(sim.port());

        assertThat(put(url1, part1, "text/plain", "Authorization", "Bearer " + dmsa).statusCode()).isEqualTo(400);
        assertThat(put(url1, part1, "text/plain", "Procore-Company-Id", "101").statusCode()).isEqualTo(400);
        assertThat(put(url1, part1, "application/pdf", null, null).statusCode()).as("signed header changed").isEqualTo(403);
        assertThat(put(url1, part2, "text/plain", null, null).statusCode()).as("wrong SHA-256").isEqualTo(400);
        HttpResponse<String> ok1 = put(url1, part1, "text/plain", null, null);
        assertThat(ok1.statusCode()).isEqualTo(200);
        String etag1 = ok1.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> ok2 = put(URI.create(segments.getJsonObject(1).getString("url")), part2, "text/plain", null, null);
        String etag2 = ok2.headers().firstValue("ETag").orElseThrow();
        assertThat(json(send("GET", base + "/" + id, dmsa, "101", null)).getJsonObject("data").getString("status")).isEqualTo("receiving");

        HttpResponse<String> swapped = send("PATCH", base + "/" + id, dmsa, "101",
                Json.createObjectBuilder().add("part_etags", Json.createArrayBuilder().add(etag2).add(etag1)).build().toString());
        assertThat(swapped.statusCode()).isEqualTo(422);
        assertThat(json(swapped).getJsonObject("error").getString("code")).isEqualTo("VALIDATION_ERROR");
        HttpResponse<String> done = send("PATCH", base + "/" + id, dmsa, "101",
                Json.createObjectBuilder().add("part_etags", Json.createArrayBuilder().add(etag1).add(etag2)).build().toString());
        assertThat(json(done).getJsonObject("data").getString("status")).isEqualTo("complete");
        Thread.sleep(400);
        assertThat(json(send("GET", base + "/" + id, dmsa, "101", null)).getJsonObject("data").getString("status")).isEqualTo("available");
        assertThat(send("GET", base + "/" + id, dmsa, null, null).statusCode()).as("the company header is required").isEqualTo(400);
        assertThat(sim.uploads()).singleElement().satisfies(u -> assertThat(u.status()).isEqualTo("available"));
    }

    @Test
    void syncActionsFollowProcoresIdAndOriginIdRulesAndTheThousandCap() throws Exception {
        String dmsa = json(token(Map.of("grant_type", "client_credentials"), false)).getString("access_token");
        String body = "{\"updates\":[{\"origin_id\":\"x1\",\"name\":\"New\"},{\"id\":1001,\"name\":\"Renamed\"},"
                + "{\"id\":5,\"name\":\"Ghost\"},{\"id\":1002,\"origin_id\":\"x1\"}]}";
        HttpResponse<String> r = send("PATCH", "/rest/v1.0/projects/sync", dmsa, "101", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject result = json(r);
        assertThat(result.getJsonArray("entities")).extracting(v -> ((JsonObject) v).getString("name")).containsExactly("New", "Renamed");
        assertThat(result.getJsonArray("errors")).hasSize(2);
        assertThat(result.getJsonArray("errors").getJsonObject(0).getJsonObject("errors").containsKey("id")).isTrue();
        assertThat(result.getJsonArray("errors").getJsonObject(1).getJsonObject("errors").containsKey("origin_id")).isTrue();

        StringBuilder many = new StringBuilder("{\"updates\":[");
        for (int i = 0; i < 1_001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"origin_id\":\"o").append(i).append("\",\"name\":\"n\"}");
        }
        assertThat(send("PATCH", "/rest/v1.0/projects/sync", dmsa, "101", many.append("]}").toString()).statusCode()).isEqualTo(422);
    }

    private HttpResponse<String> send(String method, String path, String bearer, String company, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.apiUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
        if (company != null) {
            b.header("Procore-Company-Id", company);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(URI url, byte[] body, String contentType, String extraHeader, String extraValue) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("x-amz-server-side-encryption", "AES256");
        if (extraHeader != null) {
            b.header(extraHeader, extraValue);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- helpers

    private JsonObject exchange(String login) throws Exception {
        String code = authorize(login, REDIRECT, "s");
        return json(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), true));
    }

    private String authorize(String login, String redirect, String state) throws Exception {
        HttpResponse<String> page = get("/oauth/authorize?response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID
                + "&redirect_uri=" + enc(redirect) + "&state=" + state, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form");
        HttpResponse<String> r = submitLogin(login, ProcoreSimulator.PASSWORD, redirect, state, "allow");
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?code=").endsWith("&state=" + state);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private HttpResponse<String> submitLogin(String login, String password, String redirect, String state, String decision) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", ProcoreSimulator.WEB_CLIENT_ID);
        form.put("redirect_uri", redirect);
        if (state != null) {
            form.put("state", state);
        }
        form.put("login", login);
        form.put("password", password);
        form.put("decision", decision);
        return post("/oauth/authorize", form);
    }

    private HttpResponse<String> token(Map<String, String> params, boolean web) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("client_id", web ? ProcoreSimulator.WEB_CLIENT_ID : ProcoreSimulator.DMSA_CLIENT_ID);
        form.put("client_secret", web ? ProcoreSimulator.WEB_CLIENT_SECRET : ProcoreSimulator.DMSA_CLIENT_SECRET);
        return post("/oauth/token", form);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String bearer, String company) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.apiUrl() + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (company != null) {
            b.header("Procore-Company-Id", company);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aSecondStartOnTheSamePortRecognisesTheRunningSimulator() throws Exception {
        try (ProcoreSimulator running = ProcoreSimulator.start()) {
            org.assertj.core.api.Assertions.assertThat(SimulatorCommand.alreadyServing(running.port())).isTrue();
        }
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            free = s.getLocalPort();
        }
        org.assertj.core.api.Assertions.assertThat(SimulatorCommand.alreadyServing(free)).isFalse();
    }

    /** Issue 21 item 9: every wrong option is one line naming it and --help, with a non-zero exit. */
    @Test
    void everyWrongOptionIsOneLineNamingItAndANonZeroExit() throws Exception {
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            free = s.getLocalPort();
        }
        String[][] wrong = {{"--port=abc"}, {"--port=99999"}, {"--port=-1"}, {"--bogus"}, {"--bogus=1"}, {"--port"},
                {"--port=" + free, "--fail-api=x"}, {"--port=" + free, "--api-delay=forever"}, {"--port=" + free, "--disconnect=acme"}};
        for (String[] args : wrong) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            SimulatorCommand.Launch launch = SimulatorCommand.launch(args, new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true));
            String line = err.toString(StandardCharsets.UTF_8);
            String option = args[args.length - 1].replaceFirst("=.*", "");
            assertThat(launch.exitCode()).as(String.join(" ", args)).isEqualTo(SimulatorCommand.BAD_OPTION);
            assertThat(launch.simulator()).isNull();
            assertThat(line).as(String.join(" ", args)).contains(option).contains("--help").doesNotContain("Exception")
                    .doesNotContain("For input string").hasLineCount(1);
        }
    }

    @Test
    void aBusyPortIsANonZeroExitUnlessTheRunningSimulatorNeedsNothingMore() throws Exception {
        try (ProcoreSimulator running = ProcoreSimulator.start()) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            SimulatorCommand.Launch lost = SimulatorCommand.launch(new String[] {"--port=" + running.port(), "--fail-api=3:500"},
                    new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            assertThat(lost.exitCode()).isEqualTo(SimulatorCommand.PORT_BUSY);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port=" + running.port()).contains("--fail-api")
                    .contains("--help").hasLineCount(1);
            SimulatorCommand.Launch reused = SimulatorCommand.launch(new String[] {"--port=" + running.port()},
                    new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            assertThat(reused.exitCode()).as("a second build asking for the same simulator").isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("already running");
        }
        try (java.net.ServerSocket other = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            SimulatorCommand.Launch busy = SimulatorCommand.launch(new String[] {"--port=" + other.getLocalPort()},
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(err, true));
            assertThat(busy.exitCode()).isEqualTo(SimulatorCommand.PORT_BUSY);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("in use by another program").contains("--help").hasLineCount(1);
        }
    }

    /** Issue 21 item 9: a cross-site form POST or a DNS-rebound page cannot reconfigure the simulator. */
    @Test
    void theAdminEndpointRefusesWhatAWebPageCanSend() throws Exception {
        java.net.URI faults = URI.create(sim.loginUrl() + "/_simulator/faults?token-delay=PT24H");
        assertThat(rawPost(faults, "evil.example", "https://evil.example", null)).startsWith("HTTP/1.1 403");
        assertThat(rawPost(faults, "127.0.0.1:" + sim.port(), "https://evil.example", null)).startsWith("HTTP/1.1 403");
        assertThat(rawPost(faults, "127.0.0.1.evil.example:" + sim.port(), null, null)).startsWith("HTTP/1.1 403");
        assertThat(rawPost(faults, "127.0.0.1:" + sim.port(), null, "cross-site")).startsWith("HTTP/1.1 403");
        assertThat(rawPost(faults, "127.0.0.1:" + sim.port(), "null", null)).startsWith("HTTP/1.1 403");
        assertThat(rawPost(URI.create(sim.loginUrl() + "/_simulator/reset"), "localhost", "http://evil.example", null))
                .startsWith("HTTP/1.1 403");
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl() + "/oauth/token"))
                .timeout(java.time.Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + ProcoreSimulator.DMSA_CLIENT_ID
                        + "&client_secret=" + ProcoreSimulator.DMSA_CLIENT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as("not reconfigured: no 24 h token delay").isEqualTo(200);

        // tools on this machine: curl, tests, a page of the simulator's own origin
        assertThat(rawPost(URI.create(sim.loginUrl() + "/_simulator/faults?drop-api=0"), "127.0.0.1:" + sim.port(), null, null))
                .startsWith("HTTP/1.1 200");
        assertThat(rawPost(URI.create(sim.loginUrl() + "/_simulator/faults?drop-api=0"), "localhost:" + sim.port(),
                "http://localhost:" + sim.port(), "same-origin")).startsWith("HTTP/1.1 200");
        assertThat(rawPost(URI.create(sim.loginUrl() + "/_simulator/faults?drop-api=0"), "[::1]:" + sim.port(), null, "none"))
                .startsWith("HTTP/1.1 200");
    }

    /** A POST with exactly these headers (the JDK client does not let a caller set Host). */
    private static String rawPost(URI uri, String host, String origin, String fetchSite) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("POST " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            if (fetchSite != null) {
                request.append("Sec-Fetch-Site: ").append(fetchSite).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
