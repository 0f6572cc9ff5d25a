package io.github.procorecdi.quarkus;

import java.util.Map;
import java.util.TreeMap;

import io.github.procorecdi.simulator.ProcoreSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts one simulator for the test JVM and points every connection of the test application at it. */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {
    private static ProcoreSimulator sim;

    static synchronized ProcoreSimulator sim() {
        if (sim == null) {
            sim = ProcoreSimulator.start();
        }
        return sim;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> p = new TreeMap<>();
        for (String name : new String[] {"default", "x", "stored"}) {
            p.put("procore." + name + ".login-url", sim().loginUrl().toString());
            p.put("procore." + name + ".api-url", sim().apiUrl().toString());
        }
        return p;
    }

    @Override
    public void stop() {
        // the simulator lives as long as the test JVM (its threads are daemons)
    }
}
