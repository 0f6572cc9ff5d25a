package io.github.procorecdi.quarkus;

import java.util.Map;
import java.util.TreeMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the connections of the features beyond client credentials at the simulator {@link SimulatorResource} started,
 * and the application's OpenTelemetry exporter at an OTLP receiver on 127.0.0.1.
 */
public class FeatureConnectionsResource implements QuarkusTestResourceLifecycleManager {
    static final String[] CONNECTIONS = {"named", "pooled", "pooleddefault", "web", "installed"};
    private static OtlpReceiver otlp;

    static synchronized OtlpReceiver otlp() {
        if (otlp == null) {
            otlp = OtlpReceiver.start();
        }
        return otlp;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> p = new TreeMap<>();
        for (String name : CONNECTIONS) {
            p.put("procore." + name + ".login-url", SimulatorResource.sim().loginUrl().toString());
            p.put("procore." + name + ".api-url", SimulatorResource.sim().apiUrl().toString());
        }
        p.put("quarkus.otel.exporter.otlp.endpoint", otlp().endpoint());
        return p;
    }

    @Override
    public void stop() {
        // the receiver lives as long as the test JVM, as the simulator does
    }
}
