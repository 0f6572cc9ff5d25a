package io.github.procorecdi.it;

import java.util.Map;
import java.util.TreeMap;

import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.SimClient;

/** One simulator for the whole test JVM, plus helpers to write connection configuration for it. */
public final class Sim {
    public static final String SECOND_DMSA_ID = "sim-dmsa-second";
    public static final String SECOND_DMSA_SECRET = "sim-dmsa-second-secret";
    private static ProcoreSimulator sim;

    private Sim() {
    }

    public static synchronized ProcoreSimulator get() {
        if (sim == null) {
            sim = ProcoreSimulator.start();
            sim.registerClient(new SimClient(SECOND_DMSA_ID, SECOND_DMSA_SECRET, true));
        }
        return sim;
    }

    /**
     * Config of a client-credentials connection against the simulator, with {@code company-id=101}: a service
     * account's token must name a company on every call, {@code /me} and {@code /companies} included.
     */
    public static Map<String, String> dmsa(String name) {
        return dmsa(name, ProcoreSimulator.DMSA_CLIENT_ID, ProcoreSimulator.DMSA_CLIENT_SECRET);
    }

    public static Map<String, String> dmsa(String name, String clientId, String secret) {
        Map<String, String> p = new TreeMap<>();
        p.put("procore." + name + ".grant-type", "client_credentials");
        p.put("procore." + name + ".client-id", clientId);
        p.put("procore." + name + ".client-secret", secret);
        p.put("procore." + name + ".login-url", get().loginUrl().toString());
        p.put("procore." + name + ".api-url", get().apiUrl().toString());
        p.put("procore." + name + ".company-id", "101");
        return p;
    }

    /** Config of an authorization-code connection against the simulator. */
    public static Map<String, String> web(String name, String redirectUri) {
        Map<String, String> p = new TreeMap<>();
        p.put("procore." + name + ".client-id", ProcoreSimulator.WEB_CLIENT_ID);
        p.put("procore." + name + ".client-secret", ProcoreSimulator.WEB_CLIENT_SECRET);
        p.put("procore." + name + ".redirect-uri", redirectUri);
        p.put("procore." + name + ".login-url", get().loginUrl().toString());
        p.put("procore." + name + ".api-url", get().apiUrl().toString());
        return p;
    }

    /** Signs {@code login} in at the simulator's authorize page and returns the authorization code it issues. */
    public static String code(String login, String redirectUri) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            String form = "response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID + "&redirect_uri="
                    + java.net.URLEncoder.encode(redirectUri, java.nio.charset.StandardCharsets.UTF_8)
                    + "&state=test&login=" + java.net.URLEncoder.encode(login, java.nio.charset.StandardCharsets.UTF_8)
                    + "&password=" + ProcoreSimulator.PASSWORD + "&decision=allow";
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(get().loginUrl() + "/oauth/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (redirectUri.startsWith("urn:")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code id=\"auth-code\">([^<]+)</code>").matcher(r.body());
                if (!m.find()) {
                    throw new IllegalStateException("no code on the page: " + r.body());
                }
                return m.group(1);
            }
            String location = r.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no redirect: " + r.body()));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(location);
            if (!m.find()) {
                throw new IllegalStateException("no code in " + location);
            }
            return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the properties as a microprofile-config.properties text */
    public static String properties(Map<String, String> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\").replace(":", "\\:")).append('\n'));
        return sb.toString();
    }
}
