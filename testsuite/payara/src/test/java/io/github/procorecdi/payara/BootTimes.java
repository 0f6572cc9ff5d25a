package io.github.procorecdi.payara;

import java.util.concurrent.TimeUnit;

/** Prints how long Payara Micro took to boot and each application to deploy (docs/servers.md quotes them). */
final class BootTimes {
    private static long bootNanos;

    private BootTimes() {
    }

    static synchronized void booted(long nanos) {
        bootNanos = nanos;
        System.out.println("[boot] Payara Micro " + System.getProperty("payara.version") + " booted in "
                + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
    }

    static synchronized void deployed(String name, long nanos) {
        System.out.println("[boot] Payara Micro " + System.getProperty("payara.version") + ": " + name + " deployed in "
                + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms (boot + deployment " + TimeUnit.NANOSECONDS.toMillis(bootNanos + nanos)
                + " ms)");
    }
}
