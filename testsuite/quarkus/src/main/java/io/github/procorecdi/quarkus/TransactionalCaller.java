package io.github.procorecdi.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Runs work inside a JTA transaction that then rolls back, as an application's failing {@code @Transactional} method. */
@ApplicationScoped
public class TransactionalCaller {
    /** Thrown to roll the transaction back. */
    public static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Transactional
    public void runThenRollBack(Runnable work) {
        work.run();
        throw new RolledBack();
    }
}
