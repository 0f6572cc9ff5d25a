package io.github.procorecdi.samples.installedapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed-app CLI driven end to end through its stdin: sign in once, then headless on refresh tokens. */
class InstalledAppTest {
    @TempDir
    Path home;

    @AfterEach
    void clear() {
        System.clearProperty("procore.simulator.access-token-lifetime");
    }

    @Test
    void signsInOnceThenRunsHeadlessOnRefreshTokensUntilSignedOut() throws Exception {
        System.setProperty("procore.simulator.access-token-lifetime", "PT2S");

        // first run: prints the sign-in address, reads the code pasted on stdin
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return InstalledApp.run("", stdin, out, home);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String authorizeUrl = awaitLine(screen, Pattern.compile("^\\s+(http://\\S+/oauth/authorize\\?\\S+)$", Pattern.MULTILINE));
        assertThat(authorizeUrl).contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob");
        keyboard.write((codeShownByProcore(authorizeUrl) + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertThat(first.get(60, TimeUnit.SECONDS)).isZero();
        String firstScreen = screen.toString(StandardCharsets.UTF_8);
        assertThat(firstScreen).contains("Signed in as Ada Lovelace (ada@example.com)").contains("company 101: Simulated Builders Inc.");

        Path tokens = home.resolve(".procore-cdi/simulator-default.tokens");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        String pairAfterSignIn = Files.readString(tokens);
        assertThat(pairAfterSignIn).contains("refresh_token");
        assertThat(firstScreen).doesNotContain(extract(pairAfterSignIn, "refresh_token")).doesNotContain(extract(pairAfterSignIn, "access_token"));

        // second run, after the access token expired: no browser, no input, a refresh
        Thread.sleep(2100);
        String second = runWith("", "");
        assertThat(second).doesNotContain("Open this address").contains("Signed in as Ada Lovelace");
        String pairAfterRefresh = Files.readString(tokens);
        assertThat(extract(pairAfterRefresh, "refresh_token")).as("rotated").isNotEqualTo(extract(pairAfterSignIn, "refresh_token"));

        // sign out, then a run needs the browser again
        assertThat(runWith("sign-out", "")).contains("Signed out");
        String after = runWith("", "");
        assertThat(after).contains("Open this address").contains("No code entered");
    }

    private String runWith(String command, String input) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        InstalledApp.run(command, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(screen, true, StandardCharsets.UTF_8), home);
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** What a person does in the browser: open the address, sign in, allow, read the code off the page. */
    private static String codeShownByProcore(String authorizeUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String page = http.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(), HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder form = new StringBuilder();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
        while (hidden.find()) {
            form.append(hidden.group(1)).append('=').append(URLEncoder.encode(hidden.group(2).replace("&amp;", "&"), StandardCharsets.UTF_8))
                    .append('&');
        }
        form.append("login=ada%40example.com&password=procore&decision=allow");
        URI post = URI.create(authorizeUrl).resolve("/oauth/authorize");
        String shown = http.send(HttpRequest.newBuilder(post).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher code = Pattern.compile("<code id=\"auth-code\">([^<]+)</code>").matcher(shown);
        assertThat(code.find()).as(shown).isTrue();
        return code.group(1);
    }

    private static String awaitLine(ByteArrayOutputStream screen, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(screen.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the tool never printed the sign-in address:\n" + screen.toString(StandardCharsets.UTF_8));
    }

    private static String extract(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(field + " in " + json.length() + " chars").isTrue();
        return m.group(1);
    }
}
