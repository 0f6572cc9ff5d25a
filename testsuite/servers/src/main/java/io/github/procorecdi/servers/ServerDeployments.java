package io.github.procorecdi.servers;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.github.procorecdi.extension.ProcoreExtension;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.servers.app.ProcoreServlet;
import io.github.procorecdi.servers.broken.BrokenConfigBean;
import io.github.procorecdi.simulator.ProcoreSimulator;

/** The WARs every server test deploys, configured against a simulator in the test JVM. */
public final class ServerDeployments {
    public static final String CONTEXT = "procore-it";
    /** Client id given to connection {@code env} as a system property of the server. */
    public static final String ENV_CLIENT_ID = ProcoreSimulator.DMSA_CLIENT_ID;
    /** Client secret given to connection {@code env} as the server's environment variable {@code PROCORE_ENV_CLIENT_SECRET}. */
    public static final String ENV_CLIENT_SECRET = ProcoreSimulator.DMSA_CLIENT_SECRET;

    /** The {@code Authorization} value of connection {@code hooks}' webhook deliveries (a secret: never in a log). */
    public static final String WEBHOOK_AUTHORIZATION = "Bearer whk-server-7c1e9a3b5d2f4e6a8b0c";

    private static ProcoreSimulator simulator;
    private static OtlpReceiver otlp;

    private ServerDeployments() {
    }

    /** @return the simulator of this test JVM (started at first use) */
    public static synchronized ProcoreSimulator simulator() {
        if (simulator == null) {
            simulator = ProcoreSimulator.start();
        }
        return simulator;
    }

    /** @return the OTLP receiver of this test JVM (started at first use), where the app's metrics and spans are exported */
    public static synchronized OtlpReceiver otlp() {
        if (otlp == null) {
            otlp = OtlpReceiver.start();
        }
        return otlp;
    }

    /**
     * The application's OpenTelemetry configuration (MicroProfile Telemetry reads it from the application's config):
     * metrics and spans exported over OTLP/HTTP to {@link #otlp()} every half second.
     */
    public static Map<String, String> telemetry() {
        Map<String, String> p = new TreeMap<>();
        p.put("otel.sdk.disabled", "false");
        p.put("otel.service.name", "procore-it");
        p.put("otel.exporter.otlp.endpoint", otlp().endpoint());
        p.put("otel.exporter.otlp.protocol", "http/protobuf");
        p.put("otel.metrics.exporter", "otlp");
        p.put("otel.traces.exporter", "otlp");
        p.put("otel.logs.exporter", "none");
        p.put("otel.metric.export.interval", "500");
        p.put("otel.bsp.schedule.delay", "200");
        return p;
    }

    /** The test application, for a server listening on {@code http://127.0.0.1:<httpPort>}. */
    public static WebArchive app(int httpPort) {
        return app(httpPort, Map.of());
    }

    /** The test application with extra configuration (e.g. a server-specific data source for {@code /jdbc}). */
    public static WebArchive app(int httpPort, Map<String, String> extra) {
        ProcoreSimulator sim = simulator();
        Map<String, String> p = new TreeMap<>();
        dmsa(p, "dmsa", sim);
        dmsa(p, "stored", sim);
        dmsa(p, "tenants", sim);
        dmsa(p, "hooks", sim);
        // a connection whose credentials Procore refuses: its readiness check is DOWN, the application keeps serving
        dmsa(p, "unready", sim);
        p.put("procore.unready.client-secret", "refused-secret-8d3f1a");
        p.put("procore.hooks.webhooks.path", "/procore/webhooks");
        p.put("procore.hooks.webhooks.authorization", WEBHOOK_AUTHORIZATION);
        p.put("procore.stored.token-store", "appStore");
        // connection "env": id from a system property, secret from an environment variable of the server
        p.put("procore.env.grant-type", "client_credentials");
        p.put("procore.env.login-url", sim.loginUrl().toString());
        p.put("procore.env.api-url", sim.apiUrl().toString());
        p.put("procore.env.company-id", "101");
        p.put("procore.web.client-id", ProcoreSimulator.WEB_CLIENT_ID);
        p.put("procore.web.client-secret", ProcoreSimulator.WEB_CLIENT_SECRET);
        p.put("procore.web.redirect-uri", "http://127.0.0.1:" + httpPort + "/" + CONTEXT + "/procore/callback");
        p.put("procore.web.login-url", sim.loginUrl().toString());
        p.put("procore.web.api-url", sim.apiUrl().toString());
        p.putAll(extra);
        return ShrinkWrap.create(WebArchive.class, CONTEXT + ".war")
                .addPackage(ProcoreServlet.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(properties(p)), "META-INF/microprofile-config.properties")
                .addAsLibraries(libraries());
    }

    /** The context of {@link #jta(Map)}. */
    public static final String JTA_CONTEXT = "procore-jta";

    /**
     * The JTA application ({@code /procore-jta/call}): connection {@code jtastore}, a service account whose jdbc store is on
     * a server data source ({@code java:comp/DefaultDataSource} unless {@code extra} names another), called from an EJB
     * and from a {@code @Transactional} bean; and connection {@code probedfirst}, which only its readiness check uses, with
     * metrics exported to {@link #otlp()}.
     *
     * @param extra server-specific settings (the data source, the table)
     */
    public static WebArchive jta(Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>();
        dmsa(p, "jtastore", simulator());
        p.put("procore.jtastore.token-store", "jdbc");
        p.put("procore.jtastore.token-store.table", "procore_tokens_jta");
        // used by nothing but its readiness check: its first token request comes from a server thread
        dmsa(p, "probedfirst", simulator());
        p.putAll(telemetry());
        p.put("otel.service.name", "procore-jta");
        p.putAll(extra);
        return ShrinkWrap.create(WebArchive.class, JTA_CONTEXT + ".war")
                .addPackage(io.github.procorecdi.servers.jta.JtaServlet.class.getPackage())
                .addClasses(io.github.procorecdi.servers.app.CompaniesApi.class, io.github.procorecdi.servers.app.Company.class,
                        io.github.procorecdi.servers.app.Me.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(properties(p)), "META-INF/microprofile-config.properties")
                .addAsLibraries(libraries());
    }

    /** The context of {@link #redeploy(Map)}. */
    public static final String REDEPLOY_CONTEXT = "procore-redeploy";

    /**
     * The application the redeploy test deploys and undeploys again and again ({@code /procore-redeploy/call} and
     * {@code /state}, see {@code RedeployServlet}): connection {@code redeploy}, a service account with the memory store.
     *
     * @param extra more configuration (the test's short {@code refresh-ahead})
     */
    public static WebArchive redeploy(Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>();
        dmsa(p, "redeploy", simulator());
        p.putAll(extra);
        return ShrinkWrap.create(WebArchive.class, REDEPLOY_CONTEXT + ".war")
                .addPackage(io.github.procorecdi.servers.redeploy.RedeployServlet.class.getPackage())
                .addPackage(io.github.procorecdi.servers.redeploy.loaders.DeploymentLoaders.class.getPackage())
                .addClasses(io.github.procorecdi.servers.app.CompaniesApi.class, io.github.procorecdi.servers.app.AsyncCompaniesApi.class,
                        io.github.procorecdi.servers.app.Company.class, io.github.procorecdi.servers.app.Me.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(properties(p)), "META-INF/microprofile-config.properties")
                .addAsLibraries(libraries());
    }

    /** The context of {@link #redeployControl()}. */
    public static final String CONTROL_CONTEXT = "procore-redeploy-control";

    /**
     * The redeploy test's control: a WAR without procore-cdi, deployed and undeployed the same way, whose servlet
     * registers its class loader as the redeploy application's does ({@code /procore-redeploy-control/call} and
     * {@code /state}, see {@code ControlServlet}).
     */
    public static WebArchive redeployControl() {
        return ShrinkWrap.create(WebArchive.class, CONTROL_CONTEXT + ".war")
                .addPackage(io.github.procorecdi.servers.redeploy.control.ControlServlet.class.getPackage())
                .addPackage(io.github.procorecdi.servers.redeploy.loaders.DeploymentLoaders.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
    }

    /** A WAR whose configuration is wrong in several ways: deploying it must fail, naming each property. */
    public static WebArchive broken() {
        Map<String, String> p = new TreeMap<>();
        p.put("procore.bad.client-id", "abc");                         // client-secret missing
        p.put("procore.bad.grant-type", "client_credentials");
        p.put("procore.bad.api-url", "http://api.example.com");        // http to a non-loopback host
        p.put("procore.bad.refresh-ahead", "five minutes");            // not a duration
        return ShrinkWrap.create(WebArchive.class, "procore-broken.war")
                .addClass(BrokenConfigBean.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(properties(p)), "META-INF/microprofile-config.properties")
                .addAsLibraries(libraries());
    }

    /** The properties the broken WAR must be refused for. */
    public static final String[] BROKEN_PROPERTIES = {"procore.bad.client-secret", "procore.bad.api-url", "procore.bad.refresh-ahead"};

    /**
     * Configuration of a client-credentials connection against the simulator, with {@code company-id=101} (a service
     * account names a company on every call).
     */
    public static void dmsa(Map<String, String> p, String name, ProcoreSimulator sim) {
        p.put("procore." + name + ".grant-type", "client_credentials");
        p.put("procore." + name + ".client-id", ProcoreSimulator.DMSA_CLIENT_ID);
        p.put("procore." + name + ".client-secret", ProcoreSimulator.DMSA_CLIENT_SECRET);
        p.put("procore." + name + ".login-url", sim.loginUrl().toString());
        p.put("procore." + name + ".api-url", sim.apiUrl().toString());
        p.put("procore." + name + ".company-id", "101");
    }

    /** procore-cdi-extension and procore-cdi-runtime, as built by this reactor (jar or classes directory). */
    static JavaArchive[] libraries() {
        return new JavaArchive[] {archive(ProcoreExtension.class, "procore-cdi-extension.jar"),
                archive(ProcoreConnections.class, "procore-cdi-runtime.jar")};
    }

    private static JavaArchive archive(Class<?> member, String name) {
        try {
            Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location.toFile()).as(JavaArchive.class);
            }
            return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(location.toString()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String properties(Map<String, String> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\").replace(":", "\\:")).append('\n'));
        return sb.toString();
    }

    private static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" "
            + "bean-discovery-mode=\"annotated\"/>";
}
