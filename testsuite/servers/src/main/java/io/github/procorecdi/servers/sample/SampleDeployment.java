package io.github.procorecdi.servers.sample;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.github.procorecdi.servers.ServerDeployments;
import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * The web sample (samples/webapp, the WAR the build made; its path is the system property {@code sample.war}) configured
 * for the simulator of the test JVM instead of its own {@code simulator} profile: the user's connection {@code default}
 * and the service account {@code hooks} that registers the sample's webhook at start.
 */
public final class SampleDeployment {
    /** The context the sample is deployed at. */
    public static final String CONTEXT = "procore-sample";
    /** The {@code Authorization} value of the sample's webhook deliveries. */
    static final String WEBHOOK_AUTHORIZATION = "Bearer sample-server-test-5e8a1c3f";

    private SampleDeployment() {
    }

    /** @param app the sample's URL on the server, e.g. {@code http://127.0.0.1:8080/procore-sample} */
    public static WebArchive war(String app) {
        ProcoreSimulator sim = ServerDeployments.simulator();
        Map<String, String> config = new TreeMap<>();
        config.put("procore.default.client-id", ProcoreSimulator.WEB_CLIENT_ID);
        config.put("procore.default.client-secret", ProcoreSimulator.WEB_CLIENT_SECRET);
        config.put("procore.default.redirect-uri", app + "/procore/callback");
        config.put("procore.default.web.after-login", "/");
        config.put("procore.default.login-url", sim.loginUrl().toString());
        config.put("procore.default.api-url", sim.apiUrl().toString());
        config.put("procore.default.webhooks.path", "/procore/webhooks");
        config.put("procore.default.webhooks.authorization", WEBHOOK_AUTHORIZATION);
        config.put("sample.webhooks.destination", app + "/procore/webhooks");
        config.put("procore.hooks.grant-type", "client_credentials");
        config.put("procore.hooks.client-id", ProcoreSimulator.DMSA_CLIENT_ID);
        config.put("procore.hooks.client-secret", ProcoreSimulator.DMSA_CLIENT_SECRET);
        config.put("procore.hooks.login-url", sim.loginUrl().toString());
        config.put("procore.hooks.api-url", sim.apiUrl().toString());
        config.put("procore.hooks.company-id", "101");
        StringBuilder props = new StringBuilder();
        config.forEach((k, v) -> props.append(k).append('=').append(v.replace(":", "\\:")).append('\n'));
        String path = System.getProperty("sample.war");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("the web sample's WAR is not at the system property sample.war (" + path
                    + "): the module's build copies it there");
        }
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
        war.delete("/WEB-INF/classes/META-INF/microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, CONTEXT + ".war").merge(war)
                .addAsResource(new StringAsset(props.toString()), "META-INF/microprofile-config.properties");
    }
}
