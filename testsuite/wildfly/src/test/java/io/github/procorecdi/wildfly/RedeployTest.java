package io.github.procorecdi.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.Browser;
import io.github.procorecdi.servers.ServerDeployments;
import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Issue 22: nothing of procore-cdi outlives its application. The same WAR (procore-cdi inside it, as users ship it) is
 * deployed and undeployed {@link #CYCLES} times; each deployment makes a synchronous and a {@code CompletionStage} call
 * and goes on calling until its token was renewed ahead of expiry (so the connection's timer, renewal and asynchronous
 * threads all ran). Then one more deployment reports, from inside the server JVM:
 * <ul>
 * <li>the {@code procore-*} threads alive: none may be left (the last deployment has made no call yet);</li>
 * <li>how many class loaders of the {@link #CYCLES} undeployed deployments are still alive after forced garbage
 * collections: each deployment put a weak reference to its class loader in a server-wide list (a JDK list in the server's
 * system properties: see {@code DeploymentLoaders}), and a loader that survives {@code System.gc()} is reachable from
 * something that outlived its application (a pooled server thread's thread-local, a thread started by it, a static
 * cache). On procore-cdi 0.1 all 20 were (39 procore-cdi threads left).</li>
 * </ul>
 * WildFly itself keeps some: a control WAR without procore-cdi, deployed and undeployed the same way first
 * ({@link #controlRetains()}), keeps its first deployment's loader. A heap dump ({@code -Dredeploy.heapdump=<dir>})
 * names the GC root: a Java frame of a request thread {@code default task-N}, jboss-threads'
 * {@code EnhancedQueueExecutor$ThreadBody.run()}, whose local variable {@code initial} keeps the first task the thread ran
 * (an Undertow {@code HttpServerExchange}, then its {@code ServletInitialHandler}, {@code DeploymentImpl},
 * {@code DeploymentInfo.classLoader}) for the thread's whole life. So no more loaders of the procore-cdi WAR may be alive
 * than request threads started while it was deployed and undeployed (none when the control started them all: then zero
 * loaders), and the control's own count is checked against the same bound, which holds the explanation to account.
 * Bounded: {@link #CYCLES} deployments, each waiting at most {@link #RENEWAL_TRIES} calls for its renewal.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployTest {
    static final int CYCLES = Integer.getInteger("redeploy.cycles", 20);
    static final int RENEWAL_TRIES = 150;
    static final Pattern STATE = Pattern.compile("loaders=(\\d+) deployments=(\\d+) threads=(\\d+) (\\[[^]]*\\]).*");

    @ArquillianResource
    Deployer deployer;

    /** Tokens of 4 s, renewed 2 s ahead of expiry (set on the simulator by the test). */
    @Deployment(name = "redeploy", managed = false, testable = false)
    static WebArchive redeployDeployment() {
        return ServerDeployments.redeploy(Map.of("procore.redeploy.refresh-ahead", "PT2S"));
    }

    /** The control: the same servlet-and-CDI WAR without procore-cdi. */
    @Deployment(name = "control", managed = false, testable = false)
    static WebArchive controlDeployment() {
        return ServerDeployments.redeployControl();
    }

    @Test
    void twentyRedeploymentsLeaveNoThreadAndNoClassLoaderBehind() throws Exception {
        Phase controlPhase = controlRetains();
        String control = controlPhase.state();
        Matcher c = STATE.matcher(control);
        assertThat(c.matches()).as(control).isTrue();
        assertThat(Integer.parseInt(c.group(1))).as("control WAR: loaders alive (%s), at most one per request thread started meanwhile "
                + "%s (jboss-threads keeps each worker's first request)", control, controlPhase.workers())
                .isLessThanOrEqualTo(controlPhase.workers().size());
        ProcoreSimulator sim = ServerDeployments.simulator();
        String app = "http://127.0.0.1:" + WildFlyTest.PORT + "/" + ServerDeployments.REDEPLOY_CONTEXT;
        List<String> whileDeployed = new ArrayList<>();
        sim.accessTokenLifetime(Duration.ofSeconds(4));
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                deployer.deploy("redeploy");
                try {
                    callUntilRenewed(sim, app, "deployment " + cycle);
                    whileDeployed.add(cycle + ": " + state(app + "/threads"));
                } finally {
                    deployer.undeploy("redeploy");
                }
            }
            deployer.deploy("redeploy");
            try {
                String leftThreads = state(app + "/threads"); // before this deployment starts any thread of its own
                // the same calls as every deployment, so that what the server itself keeps from the last requests (its own
                // per-thread state on its worker threads) is replaced, as it is by any application's next requests
                callUntilRenewed(sim, app, "the last deployment");
                String after = state(app + "/state");
                List<String> started = new ArrayList<>(workers(app));
                started.removeAll(controlPhase.workers());
                System.out.println("RedeployTest, procore-* threads after " + CYCLES + " undeployments: " + leftThreads);
                System.out.println("RedeployTest, readiness: " + new Browser().get("http://127.0.0.1:9990/health/ready").body());
                System.out.println("RedeployTest, while each deployment ran (after its renewal):\n  " + String.join("\n  ", whileDeployed));
                System.out.println("RedeployTest, after " + CYCLES + " undeployments: " + after);
                System.out.println("RedeployTest, control WAR without procore-cdi after " + CYCLES + " undeployments: " + control
                        + "; WildFly request threads then " + controlPhase.workers() + ", started during the procore-cdi WAR's " + started);
                heapDump(app, "procore");
                Matcher m = STATE.matcher(after);
                assertThat(m.matches()).as(after).isTrue();
                assertThat(Integer.parseInt(m.group(2))).as("deployments registered").isGreaterThanOrEqualTo(CYCLES + 1);
                assertThat(leftThreads).as("procore-cdi threads left by %d undeployed deployments", CYCLES).isEqualTo("threads=0 []");
                assertThat(threads(whileDeployed.get(CYCLES - 1))).as("procore-cdi threads while the last deployment ran, against the first")
                        .isLessThanOrEqualTo(threads(whileDeployed.get(0)));
                assertThat(Integer.parseInt(m.group(1))).as("class loaders of undeployed deployments still alive after GC: %s; "
                        + "WildFly request threads started meanwhile (each may keep its first request's deployment): %s; control WAR "
                        + "without procore-cdi: %s", after, started, control).isLessThanOrEqualTo(started.size());
            } finally {
                deployer.undeploy("redeploy");
            }
        } finally {
            sim.accessTokenLifetime(Duration.ofSeconds(5400));
        }
    }

    /** What a phase left: the {@code /state} of its last deployment and the server's request threads alive then. */
    record Phase(String state, List<String> workers) {
    }

    /**
     * Deploys and undeploys the control WAR {@link #CYCLES} times (two requests each), deploys it once more and returns its
     * {@code /state} (how many of its undeployed deployments' class loaders WildFly keeps without procore-cdi) and the
     * request threads alive: all started during this phase (the server is fresh; nothing else sent it a request).
     */
    private Phase controlRetains() throws Exception {
        String control = "http://127.0.0.1:" + WildFlyTest.PORT + "/" + ServerDeployments.CONTROL_CONTEXT;
        for (int cycle = 1; cycle <= CYCLES + 1; cycle++) {
            deployer.deploy("control");
            try {
                state(control + "/call");
                state(control + "/call");
                if (cycle == CYCLES + 1) {
                    String after = state(control + "/state");
                    List<String> workers = workers(control);
                    heapDump(control, "control");
                    return new Phase(after, workers);
                }
            } finally {
                deployer.undeploy("control");
            }
        }
        throw new AssertionError("unreachable");
    }

    /** With {@code -Dredeploy.heapdump=<dir>}: a heap dump of the server, {@code <dir>/<what>.hprof} (diagnostics). */
    private static void heapDump(String app, String what) throws Exception {
        String dir = System.getProperty("redeploy.heapdump");
        if (dir != null && !dir.isBlank()) {
            java.nio.file.Path file = java.nio.file.Path.of(dir, what + ".hprof").toAbsolutePath();
            java.nio.file.Files.deleteIfExists(file);
            System.out.println("RedeployTest, heap dump: " + state(app + "/dump?file=" + java.net.URLEncoder.encode(file.toString(),
                    java.nio.charset.StandardCharsets.UTF_8)) + " " + file);
        }
    }

    /** Calls {@code /call} until the simulator has seen a token request and a renewal from this deployment (bounded). */
    private static void callUntilRenewed(ProcoreSimulator sim, String app, String who) throws Exception {
        int before = sim.counters().tokenRequests("client_credentials");
        for (int i = 0; i < RENEWAL_TRIES && sim.counters().tokenRequests("client_credentials") < before + 2; i++) {
            HttpResponse<String> call = new Browser().get(app + "/call");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            Thread.sleep(100);
        }
        assertThat(sim.counters().tokenRequests("client_credentials")).as(who + ": a token and a renewal").isGreaterThanOrEqualTo(before + 2);
    }

    /** @return the server's live request threads ({@code default task-N}), as the application at {@code app} sees them */
    private static List<String> workers(String app) throws Exception {
        String names = state(app + "/workers");
        return names.isEmpty() ? List.of() : List.of(names.split(","));
    }

    /** @return the thread count of a {@code /threads} answer */
    private static int threads(String state) {
        Matcher m = Pattern.compile("threads=(\\d+)").matcher(state);
        assertThat(m.find()).as(state).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String state(String url) throws Exception {
        HttpResponse<String> r = new Browser().get(url);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
