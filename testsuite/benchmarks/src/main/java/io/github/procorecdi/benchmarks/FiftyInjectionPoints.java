package io.github.procorecdi.benchmarks;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** A bean with 50 {@code @ProcoreClient} injection points, for the boot-time measurement. */
@Dependent
public class FiftyInjectionPoints {
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c0;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c1;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c2;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c3;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c4;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c5;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c6;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c7;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c8;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c9;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c10;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c11;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c12;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c13;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c14;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c15;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c16;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c17;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c18;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c19;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c20;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c21;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c22;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c23;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c24;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c25;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c26;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c27;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c28;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c29;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c30;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c31;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c32;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c33;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c34;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c35;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c36;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c37;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c38;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c39;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c40;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c41;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c42;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c43;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c44;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c45;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c46;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c47;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c48;
    @Inject
    @ProcoreClient("bench")
    ProcoreConnection c49;
}
