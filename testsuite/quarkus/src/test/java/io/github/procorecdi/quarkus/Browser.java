package io.github.procorecdi.quarkus;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.procorecdi.simulator.ProcoreSimulator;

/** A browser for tests: keeps cookies, follows no redirect by itself, signs in on the simulator's authorize page. */
final class Browser {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern OOB_CODE = Pattern.compile("<code id=\"auth-code\">([^<]+)</code>");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String contentType, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs out with the web flow's sign-out form: a same-origin POST. */
    HttpResponse<String> signOut(String logoutUrl) throws Exception {
        URI u = URI.create(logoutUrl);
        return post(logoutUrl, "application/x-www-form-urlencoded", "", Map.of("Origin", u.getScheme() + "://" + u.getRawAuthority()));
    }

    /** GET {@code loginUrl}, which must redirect: @return the authorize URL it redirects to */
    String startLogin(String loginUrl) throws Exception {
        HttpResponse<String> login = get(loginUrl);
        if (login.statusCode() != 302) {
            throw new AssertionError("login path answered " + login.statusCode() + ": " + login.body());
        }
        return login.headers().firstValue("Location").orElseThrow();
    }

    /**
     * Opens the simulator's authorize page, signs in as {@code user} and allows.
     *
     * @return the simulator's answer: a redirect to the callback, or (installed apps) the page showing the code
     */
    HttpResponse<String> approve(String authorizeUrl, String user) throws Exception {
        HttpResponse<String> page = get(authorizeUrl);
        if (page.statusCode() != 200) {
            throw new AssertionError("authorize page answered " + page.statusCode() + ": " + page.body());
        }
        Map<String, String> hidden = new TreeMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        StringBuilder form = new StringBuilder();
        hidden.forEach((k, v) -> form.append(enc(k)).append('=').append(enc(v)).append('&'));
        form.append("login=").append(enc(user)).append("&password=").append(enc(ProcoreSimulator.PASSWORD)).append("&decision=allow");
        return post(URI.create(authorizeUrl).resolve("/oauth/authorize").toString(), "application/x-www-form-urlencoded",
                form.toString(), Map.of());
    }

    /** @return where the simulator sends the browser after {@link #approve} (the application's callback) */
    String approveAndFollow(String authorizeUrl, String user) throws Exception {
        HttpResponse<String> answer = approve(authorizeUrl, user);
        if (answer.statusCode() != 302) {
            throw new AssertionError("authorize form answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.headers().firstValue("Location").orElseThrow();
    }

    /** @return the code an installed app's user copies from the simulator's page */
    String approveOutOfBand(String authorizeUrl, String user) throws Exception {
        HttpResponse<String> answer = approve(authorizeUrl, user);
        Matcher m = OOB_CODE.matcher(answer.body());
        if (!m.find()) {
            throw new AssertionError("no code on the page (" + answer.statusCode() + "): " + answer.body());
        }
        return m.group(1);
    }

    /** @return the {@code code} parameter of a callback URL */
    static String code(String callback) {
        Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!m.find()) {
            throw new AssertionError("no code in " + callback);
        }
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
