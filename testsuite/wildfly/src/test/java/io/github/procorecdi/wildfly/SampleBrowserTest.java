package io.github.procorecdi.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.github.procorecdi.servers.ServerDeployments;
import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * A person's path through samples/webapp on WildFly, in headless Chromium (Debian's chromium and
 * chromium-driver, which .ci/run installs): sign in at the simulator, see the companies, open a
 * company's projects; a screenshot of the projects page is saved to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SampleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String APP = "http://127.0.0.1:" + WildFlyTest.PORT + "/procore-sample";

    @Deployment(name = "sample", testable = false)
    static WebArchive sample() {
        ProcoreSimulator sim = ServerDeployments.simulator();
        Map<String, String> config = new TreeMap<>();
        config.put("procore.default.client-id", ProcoreSimulator.WEB_CLIENT_ID);
        config.put("procore.default.client-secret", ProcoreSimulator.WEB_CLIENT_SECRET);
        config.put("procore.default.redirect-uri", APP + "/procore/callback");
        config.put("procore.default.login-url", sim.loginUrl().toString());
        config.put("procore.default.api-url", sim.apiUrl().toString());
        // webhooks: the sample registers its hook at start with a service account of the simulator
        config.put("procore.default.webhooks.path", "/procore/webhooks");
        config.put("procore.default.webhooks.authorization", "Bearer sample-browser-test-5e8a1c3f");
        config.put("sample.webhooks.destination", APP + "/procore/webhooks");
        config.put("procore.hooks.grant-type", "client_credentials");
        config.put("procore.hooks.client-id", ProcoreSimulator.DMSA_CLIENT_ID);
        config.put("procore.hooks.client-secret", ProcoreSimulator.DMSA_CLIENT_SECRET);
        config.put("procore.hooks.login-url", sim.loginUrl().toString());
        config.put("procore.hooks.api-url", sim.apiUrl().toString());
        config.put("procore.hooks.company-id", "101");
        StringBuilder props = new StringBuilder();
        config.forEach((k, v) -> props.append(k).append('=').append(v.replace(":", "\\:")).append('\n'));
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sample.war")));
        war.delete("/WEB-INF/classes/META-INF/microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, "procore-sample.war").merge(war)
                .addAsResource(new StringAsset(props.toString()), "META-INF/microprofile-config.properties");
    }

    @Test
    void signInAndBrowseProjectsInARealBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(APP + "/");
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
            browser.get(APP + "/");
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
            browser.get(APP + "/projects?company=101");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-name"))).sendKeys("Browser Test Pavilion");
            browser.findElement(By.id("create")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "create Projects"));
            assertThat(browser.findElement(By.id("events")).getText()).contains("in company 101");

            // an error page leads back to sign-in
            browser.get(APP + "/projects?company=nope");
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText()).contains("Which company?");
            assertThat(browser.findElement(By.id("sign-in")).getAttribute("href")).endsWith("/procore/login");

            browser.get(APP + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).getText())
                    .isEqualTo("Sign in with Procore");
        } finally {
            browser.quit();
        }
    }
}
