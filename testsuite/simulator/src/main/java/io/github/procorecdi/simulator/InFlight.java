package io.github.procorecdi.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** How many requests the simulator is serving right now, so that tests can wait until it is idle. */
final class InFlight {
    private final AtomicInteger serving = new AtomicInteger();

    void begin() {
        serving.incrementAndGet();
    }

    void end() {
        serving.decrementAndGet();
    }

    /** @return whether no request was being served within {@code timeout} (false also when interrupted) */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (serving.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
