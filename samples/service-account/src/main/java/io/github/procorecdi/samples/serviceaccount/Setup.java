package io.github.procorecdi.samples.serviceaccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import io.github.procorecdi.config.ConfigKey;

/**
 * Where the sample's service account talks to, decided from the {@code PROCORE_DMSA_*} environment variables and
 * {@code procore.dmsa.*} system properties before anything is sent: Procore when the client id and secret are set, the
 * simulator when nothing is set, and a refusal (naming what was read) when something is set but misspelled or incomplete:
 * a real secret never goes to the simulator.
 */
final class Setup {
    static final String ENV_PREFIX = "PROCORE_DMSA_";
    static final String PROPERTY_PREFIX = "procore.dmsa.";

    /**
     * @param simulator whether to use the in-process simulator
     * @param read      the variables and properties read (names only), for the user to check
     * @param problem   why the sample refuses to start, or {@code null}
     */
    record Decision(boolean simulator, List<String> read, String problem) {
        /** @return the line that says what was read */
        String readLine() {
            return read.isEmpty() ? "no PROCORE_DMSA_* variable and no procore.dmsa.* property is set"
                    : "read " + String.join(", ", read);
        }
    }

    private Setup() {
    }

    /** @return the decision for this environment and these system properties */
    static Decision decide(Map<String, String> env, Properties system) {
        List<String> read = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(ENV_PREFIX)) {
                (property(name) != null ? read : unknown).add(name);
            }
        }
        for (String name : new TreeSet<>(system.stringPropertyNames())) {
            if (name.startsWith(PROPERTY_PREFIX)) {
                (known(name.substring(PROPERTY_PREFIX.length())) ? read : unknown).add(name);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> hints = new ArrayList<>();
            for (String u : unknown) {
                String near = nearest(u);
                hints.add(u + (near != null ? " (did you mean " + near + "?)" : ""));
            }
            return new Decision(false, read, "not a procore-cdi setting: " + String.join(", ", hints) + "; " + (read.isEmpty() ? ""
                    : "also read " + String.join(", ", read) + "; ") + "nothing was sent. Fix the name, or unset every "
                    + ENV_PREFIX + "* variable to use the simulator");
        }
        if (read.isEmpty()) {
            return new Decision(true, read, null);
        }
        List<String> missing = new ArrayList<>();
        for (ConfigKey required : new ConfigKey[] {ConfigKey.CLIENT_ID, ConfigKey.CLIENT_SECRET}) {
            if (!isSet(env, system, required)) {
                missing.add(env(required));
            }
        }
        if (!missing.isEmpty()) {
            return new Decision(false, read, "read " + String.join(", ", read) + " but not " + String.join(" nor ", missing)
                    + ": set " + (missing.size() == 1 ? "it" : "them") + " too, or unset every " + ENV_PREFIX
                    + "* variable to use the simulator; nothing was sent (a real secret never goes to the simulator)");
        }
        return new Decision(false, read, null);
    }

    /** @return the environment variable MicroProfile Config maps to {@code procore.dmsa.<key>} */
    static String env(ConfigKey key) {
        return ENV_PREFIX + key.property().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static boolean isSet(Map<String, String> env, Properties system, ConfigKey key) {
        String v = env.get(env(key));
        if (v == null) {
            v = system.getProperty(PROPERTY_PREFIX + key.property());
        }
        return v != null && !v.isBlank();
    }

    private static String property(String envName) {
        for (ConfigKey k : ConfigKey.values()) {
            if (env(k).equals(envName)) {
                return k.property();
            }
        }
        return null;
    }

    private static boolean known(String property) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.property().equals(property)) {
                return true;
            }
        }
        return false;
    }

    /** @return the setting {@code name} was probably meant to be, or {@code null} */
    private static String nearest(String name) {
        boolean env = name.startsWith(ENV_PREFIX);
        String best = null;
        int bestDistance = 3;
        for (ConfigKey k : ConfigKey.values()) {
            String candidate = env ? env(k) : PROPERTY_PREFIX + k.property();
            int d = distance(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""),
                    candidate.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
