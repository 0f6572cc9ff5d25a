package io.github.procorecdi.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A node JVM whose wall clock is off, as on a machine with a skewed clock: Debian's libfaketime ({@code apt-get install
 * faketime}; {@code .ci/run} installs it) preloaded into the node's process, so that every wall-clock read of that JVM
 * ({@code System.currentTimeMillis()}, {@code Instant.now()}, the JDBC driver's) is ahead; its monotonic clock
 * ({@code System.nanoTime()}, timeouts, sleeps) is left alone ({@code FAKETIME_DONT_FAKE_MONOTONIC=1},
 * {@code FAKETIME_FORCE_MONOTONIC_FIX=0}). The runtime has no clock hook for tests.
 */
final class SkewedClock {
    /** Where Debian and others install the library (multiarch first). */
    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"),
            Path.of("/usr/local/lib/faketime/libfaketime.so.1"));

    private SkewedClock() {
    }

    /** @return the library, or {@code null} when it is not installed */
    static Path library() {
        return CANDIDATES.stream().filter(Files::isReadable).findFirst().orElse(null);
    }

    /**
     * Fails the test when libfaketime is missing under CI ({@code PROCORE_CDI_CI}, which {@code .ci/run} sets, or a CI
     * service's {@code CI}); elsewhere the test is skipped, with a message saying how to install it.
     */
    static void requireLibfaketime() {
        if (library() != null) {
            return;
        }
        String message = "libfaketime is not installed (apt-get install faketime; .ci/run installs it): a node with a skewed "
                + "wall clock cannot be started; looked in " + CANDIDATES;
        if (System.getenv("PROCORE_CDI_CI") != null || System.getenv("CI") != null) {
            Assertions.fail(message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /** Sets the environment of a node's process so that its wall clock runs {@code offset} ahead (or behind, if negative). */
    static void apply(Map<String, String> environment, Duration offset) {
        Path library = library();
        if (library == null) {
            throw new IllegalStateException("libfaketime is not installed (apt-get install faketime)");
        }
        String preload = environment.get("LD_PRELOAD");
        environment.put("LD_PRELOAD", preload == null || preload.isBlank() ? library.toString() : library + ":" + preload);
        long seconds = offset.toSeconds();
        environment.put("FAKETIME", (seconds < 0 ? "-" : "+") + Math.abs(seconds));
        environment.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        // glibc builds enable libfaketime's pthread_cond_timedwait "monotonic fix" at run time; in a JVM it makes timed waits
        // overrun (the JDK HTTP client's connect and request timeouts fire seconds late, its requests stall): off
        environment.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }
}
