package io.github.procorecdi.token;

/** Told how long a caller waited for a token it did not have (the engine's one metric; telemetry implements it). */
@FunctionalInterface
public interface TokenWaitListener {
    TokenWaitListener NONE = nanos -> {
    };

    /** @param nanos how long the caller waited */
    void tokenWait(long nanos);
}
