package io.github.procorecdi.baseline;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts, and ends at once: what Quarkus costs without procore-cdi. */
@QuarkusMain
public class Baseline implements QuarkusApplication {
    @Override
    public int run(String... args) {
        return 0;
    }
}
