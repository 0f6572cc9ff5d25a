package io.github.procorecdi.it;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resets the shared simulator (counters, faults, rate limits, token lifetime) around every test.
 * A JUnit extension rather than {@code @BeforeEach}: Arquillian's JUnit 5 integration does not run
 * {@code @BeforeEach}/{@code @AfterEach} methods for local (Weld embedded) deployments.
 */
public final class ResetSimulator implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        settle();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        settle();
    }

    /** Wakes requests still sleeping in an injected delay, lets them finish, then clears what they left. */
    private static void settle() {
        Sim.get().reset();
        Sim.get().awaitIdle(Duration.ofSeconds(5));
        Sim.get().reset();
    }
}
