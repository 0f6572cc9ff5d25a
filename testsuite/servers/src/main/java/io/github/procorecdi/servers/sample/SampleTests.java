package io.github.procorecdi.servers.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.github.procorecdi.servers.Browser;
import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * A person's path through the web sample (samples/webapp) on a server: sign in at the simulator, see the companies,
 * open a company's projects, sign out. Once over HTTP with cookies (always), once in headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}, which .ci/run installs; skipped without them). Subclasses deploy
 * {@link SampleDeployment#war(String)} with Arquillian as deployment {@code sample} into the module's running server.
 */
public abstract class SampleTests {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** @return the sample's URL, e.g. {@code http://127.0.0.1:8080/procore-sample} */
    protected abstract String sampleApp();

    @Test
    void signInAndListCompaniesAndProjectsOverHttp() throws Exception {
        String app = sampleApp();
        Browser browser = new Browser();
        HttpResponse<String> home = browser.get(app + "/");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("You are not signed in.").contains("id=\"sign-in\"");

        String callback = browser.approve(browser.startLogin(app + "/procore/login"), "ada@example.com",
                ProcoreSimulator.PASSWORD, "allow");
        assertThat(callback).startsWith(app + "/procore/callback?code=");
        assertThat(browser.get(callback).statusCode()).isEqualTo(302);

        home = browser.get(app + "/");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as Ada Lovelace (ada@example.com)")
                .containsSubsequence("Simulated Builders Inc.", "Large Scale Construction Co.");
        HttpResponse<String> projects = browser.get(app + "/projects?company=101");
        assertThat(projects.statusCode()).as(projects.body()).isEqualTo(200);
        assertThat(projects.body()).containsSubsequence("Harbor Bridge Retrofit", "Maple Street Library", "Riverside Medical Center");
        assertThat(browser.get(app + "/projects?company=202").body()).contains("Projects 1-100 of 250");

        assertThat(new Browser().get(app + "/").body()).as("another browser is not signed in").contains("You are not signed in.");
        assertThat(browser.signOut(app + "/procore/logout").statusCode()).isEqualTo(302);
        assertThat(browser.get(app + "/").body()).contains("You are not signed in.");
    }

    @Test
    void signInAndBrowseProjectsInARealBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        String app = sampleApp();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(app + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();

            // the simulator's Procore sign-in page
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(ProcoreSimulator.PASSWORD);
            assertThat(browser.findElement(By.id("login")).getAttribute("value")).isEqualTo("ada@example.com");
            browser.findElement(By.id("allow")).click();

            // back in the app, signed in
            String user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user"))).getText();
            assertThat(user).isEqualTo("Signed in as Ada Lovelace (ada@example.com)");
            assertThat(browser.findElements(By.cssSelector("#companies a"))).extracting(e -> e.getText())
                    .containsExactly("Simulated Builders Inc.", "Large Scale Construction Co.");
            browser.findElement(By.linkText("Simulated Builders Inc.")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("projects")));
            assertThat(browser.findElements(By.cssSelector("#projects li"))).extracting(e -> e.getText())
                    .containsExactly("Harbor Bridge Retrofit", "Maple Street Library", "Riverside Medical Center");
            Path dir = Files.createDirectories(Path.of(System.getProperty("screenshots", "target/screenshots")));
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve("sample-projects.png"), png);
            assertThat(png.length).isGreaterThan(1000);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as("the company's name").isEqualTo("Simulated Builders Inc.");

            // the large company: 250 projects, a page of 100 at a time
            browser.get(app + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Large Scale Construction Co."))).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("range"))).getText())
                    .isEqualTo("Projects 1-100 of 250");
            browser.findElement(By.id("next")).click();
            assertThat(wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("range"), "101-200"))).isTrue();
            assertThat(browser.findElements(By.cssSelector("#projects li")).get(0).getText()).isEqualTo("Tower Block 101");
            browser.findElement(By.id("next")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("range"), "Projects 201-250 of 250"));
            assertThat(browser.findElements(By.id("next"))).as("no next page after the last").isEmpty();
            assertThat(browser.findElements(By.id("previous"))).hasSize(1);

            // create a project through the page: Procore's (the simulator's) webhook event about it arrives on /events
            browser.get(app + "/projects?company=101");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-name"))).sendKeys("Browser Test Pavilion");
            browser.findElement(By.id("create")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "create Projects"));
            assertThat(browser.findElement(By.id("events")).getText()).contains("in company 101");

            // an error page leads back to sign-in
            browser.get(app + "/projects?company=nope");
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText()).contains("Which company?");
            assertThat(browser.findElement(By.id("sign-in")).getAttribute("href")).endsWith("/procore/login");

            browser.get(app + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).getText())
                    .isEqualTo("Sign in with Procore");
        } finally {
            browser.quit();
        }
    }
}
