package io.github.procorecdi.samples.serviceaccount;

import java.io.PrintStream;

import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreException;

/**
 * What a sample prints when it fails: procore-cdi's own message (it names the property or call to fix), one line per
 * problem, no stack trace; the exit status says what kind of failure it was.
 */
final class Failures {
    private Failures() {
    }

    /** @return 2 for a configuration or usage error, 1 for anything else */
    static int report(String sample, Throwable failure, PrintStream err) {
        ProcoreConfigurationException config = find(failure, ProcoreConfigurationException.class);
        if (config != null) {
            err.println(sample + ": configuration error: " + config.getMessage());
            return 2;
        }
        IllegalArgumentException usage = failure instanceof IllegalArgumentException u ? u : null;
        if (usage != null) {
            err.println(sample + ": " + usage.getMessage());
            return 2;
        }
        ProcoreException procore = find(failure, ProcoreException.class);
        Throwable shown = procore != null ? procore : failure;
        err.println(sample + ": failed: " + (shown.getMessage() != null ? shown.getMessage() : shown.toString()));
        return 1;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
