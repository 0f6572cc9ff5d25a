package io.github.procorecdi.servers;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser for tests: keeps cookies, follows no redirect by itself, signs in on the simulator's authorize page. */
public final class Browser {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} with this browser's cookies. */
    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a form of the page at {@code url}'s own origin, as a browser does: a POST with that {@code Origin}. */
    public HttpResponse<String> submit(String url, String form) throws Exception {
        URI u = URI.create(url);
        String origin = u.getScheme() + "://" + u.getRawAuthority();
        return http.send(HttpRequest.newBuilder(u).header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs out with the web flow's sign-out form (a same-origin POST). */
    public HttpResponse<String> signOut(String logoutUrl) throws Exception {
        return submit(logoutUrl, "");
    }

    /** GET {@code loginUrl}, which must redirect: @return the authorize URL it redirects to */
    public String startLogin(String loginUrl) throws Exception {
        HttpResponse<String> login = get(loginUrl);
        if (login.statusCode() != 302) {
            throw new AssertionError("login path answered " + login.statusCode() + ": " + login.body());
        }
        return location(login);
    }

    /**
     * Opens Procore's (the simulator's) authorize page, signs in as {@code user} and allows or denies.
     *
     * @return where the simulator redirects the browser (the app's callback URL)
     */
    public String approve(String authorizeUrl, String user, String password, String decision) throws Exception {
        HttpResponse<String> page = get(authorizeUrl);
        if (page.statusCode() != 200) {
            throw new AssertionError("authorize page answered " + page.statusCode() + ": " + page.body());
        }
        Map<String, String> hidden = new TreeMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(m.group(1), unescape(m.group(2)));
        }
        StringBuilder form = new StringBuilder();
        hidden.forEach((k, v) -> form.append(enc(k)).append('=').append(enc(v)).append('&'));
        form.append("login=").append(enc(user)).append("&password=").append(enc(password)).append("&decision=").append(decision);
        HttpResponse<String> answer = post(URI.create(authorizeUrl).resolve("/oauth/authorize").toString(), form.toString());
        if (answer.statusCode() != 302) {
            throw new AssertionError("authorize form answered " + answer.statusCode() + ": " + answer.body());
        }
        return location(answer);
    }

    public static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in " + r.statusCode() + " " + r.body()));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
